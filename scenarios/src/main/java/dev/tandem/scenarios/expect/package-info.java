/**
 * Expectations: typed checks evaluated on a finished run ({@link dev.tandem.scenarios.expect.Expectation}, one record
 * per kind), over the facts a run recorded ({@link dev.tandem.scenarios.expect.RunFacts}); each outcome says what was
 * expected, what happened and when.
 */
package dev.tandem.scenarios.expect;
