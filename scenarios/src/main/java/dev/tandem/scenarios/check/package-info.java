/**
 * Invariant checkers written once and shared by scenario expectations ({@code no-invariant-violations}) and the
 * property-based chaos tests: each {@link dev.tandem.scenarios.check.InvariantChecker} watches one run (the kernel's
 * outbound events, every command as it leaves the kernel for the venue, the sampling steps, the end) through a
 * {@link dev.tandem.scenarios.check.CheckContext} and returns {@link dev.tandem.scenarios.check.Violation}s with the
 * time and a sentence. {@link dev.tandem.scenarios.check.Checkers#standard} is the set the runner wires by default.
 */
package dev.tandem.scenarios.check;
