package dev.tandem.testkit;

import java.util.OptionalLong;

/**
 * Summary of a passing property run.
 *
 * @param label the property's label (explicit, or {@code TestClass.method} of the caller)
 * @param masterSeed the master seed used; empty when a single try was replayed via {@code trySeed}
 * @param tries how many tries passed (= how often the body ran to completion)
 * @param discarded how many tries were discarded because their values could not be generated
 */
public record CheckResult(String label, OptionalLong masterSeed, int tries, int discarded) {
}
