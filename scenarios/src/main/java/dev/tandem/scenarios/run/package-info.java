/**
 * Running scenarios: {@link dev.tandem.scenarios.run.ScenarioRunner} wires the kernel to the simulated venue and runs
 * it single-threaded in simulated time; {@link dev.tandem.scenarios.run.ScenarioResult} is what {@code result.json}
 * holds; {@link dev.tandem.scenarios.run.RunObserver} and {@link dev.tandem.scenarios.run.StrategyResolver} are the
 * seams for reports and the strategy library.
 */
package dev.tandem.scenarios.run;
