/**
 * Tandem's own seeded property-testing harness with automatic shrinking (we deliberately use no
 * third-party property-testing library): deterministic generators ({@link dev.tandem.testkit.Gen}),
 * single and stateful properties ({@link dev.tandem.testkit.Property},
 * {@link dev.tandem.testkit.StatefulProperty}) and readable, reproducible failure reports
 * ({@link dev.tandem.testkit.PropertyFailure}); it ships in the sim-kernel test-jar for reuse by other
 * modules' property and chaos tests.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * // A value property: the body asserts; any exception or AssertionError falsifies it.
 * Property.forAll(Gen.listOf(Gen.longs(-1_000, 1_000), 1, 20))
 *         .check(prices -> assertThat(Collections.max(prices)).isGreaterThanOrEqualTo(Collections.min(prices)));
 *
 * // A boolean property, with a fixed try count and seed.
 * Property.forAll(Gen.pairs(Gen.ints(1, 100), Gen.ints(1, 100)))
 *         .tries(1_000).seed(42)
 *         .holds(p -> Math.max(p.first(), p.second()) >= p.first());
 *
 * // A stateful property: random action sequences against a fresh system under test
 * // (StackUnderTest is your harness: the real stack plus a simple model of it).
 * sealed interface Op permits Push, Pop {}    // declared as members of the test class
 * record Push(int value) implements Op {}
 * record Pop() implements Op {}
 *
 * Gen<Op> ops = Gen.frequency(Gen.weighted(3, Gen.ints(0, 99).map(Push::new)),
 *                             Gen.weighted(1, Gen.constant(new Pop())));
 * StatefulProperty.of(StackUnderTest::new, ops, (stack, op) -> {
 *             stack.apply(op);
 *             stack.assertMatchesModel();
 *         })
 *         .length(0, 100)
 *         .check();
 * // .startWith(gen) / .endWith(gen) add an action every try opens with (a generated set-up) or closes
 * // with (a final phase whose checks must always run, e.g. "let every timer fire").
 * // On failure: PropertyFailure, whose message lists the minimal sequence, e.g.
 * //   shrunk value     : 3 actions
 * //       1. Push[value=0]
 * //       2. Push[value=0]
 * //       3. Push[value=11]   <-- failed here
 * }</pre>
 *
 * <h2>Determinism and reproduction</h2>
 * All randomness comes from {@link dev.tandem.testkit.SplitMix64} with explicit seeds (never
 * {@code java.util.Random}, {@code Math.random}, {@code ThreadLocalRandom} or the clock). A run has a
 * <em>master seed</em>; try {@code i} uses {@code SplitMix64.derive(masterSeed, i)}. A failure report
 * prints both, plus a hint such as {@code -Dtandem.seed=-4242 -Dtandem.tries=17} that reruns the
 * same tries up to the failing one; {@code .trySeed(s)} in code replays a single try.
 *
 * <h2>Settings precedence</h2>
 * <ul>
 *   <li><b>Tries</b>: {@code .tries(n)} in code wins; otherwise the {@code tandem.tries} system
 *       property; otherwise 100. The build sets {@code -Dtandem.tries=200}, and a soak run
 *       ({@code mvn verify -Dtandem.tries=10000}) raises every property that does not fix its own
 *       count. Tries count passing tries; discarded tries (unsatisfiable filter, failed JUnit
 *       assumption) do not count, and a run gives up with a
 *       {@link dev.tandem.testkit.GenerationException} after {@code max(10, tries)} discards.</li>
 *   <li><b>Master seed</b>: the {@code tandem.seed} system property (decimal, or {@code 0x} hex) wins,
 *       so a printed seed always reproduces; otherwise {@code .seed(s)}; otherwise a stable hash of
 *       the property's label (default {@code TestClass.method} of the caller), so every build runs
 *       the same tries and different properties explore different values. For exploration, pass a
 *       fresh {@code -Dtandem.seed} per CI run.</li>
 *   <li>{@code .trySeed(s)} runs exactly one try with that seed and ignores tries and master seed.</li>
 * </ul>
 *
 * <h2>How shrinking works</h2>
 * Generators never see raw random bits: every decision is a bounded choice drawn from a
 * {@link dev.tandem.testkit.Rng}, which records it as an unsigned "simplicity index" (0 = simplest,
 * e.g. the value 0). The recorded choice sequence determines the value completely. To shrink, the
 * engine edits the sequence of the failing try (deletes chunks of choices, zeroes chunks, lowers
 * single choices by binary search, swaps and moves value between nearby choices), replays it through
 * the same generator and property, and keeps an edit only when the test still fails and the
 * consumed sequence is shorter, or equally long and lexicographically smaller. Because this works
 * below the generators, shrinking goes through {@code map}, {@code flatMap}, {@code filter}, lists
 * and stateful action sequences without any per-type shrink code. It stops at a fixpoint or after
 * {@code maxShrinkRuns} (default 2000) re-runs.
 *
 * <p>Everything here is test code (this package lives in {@code src/test/java}) and is
 * single-threaded; generators must be pure functions of their {@code Rng}.
 */
package dev.tandem.testkit;
