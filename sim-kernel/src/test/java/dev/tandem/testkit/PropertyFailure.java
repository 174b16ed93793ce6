package dev.tandem.testkit;

import java.util.OptionalLong;

/**
 * Thrown when a property is falsified. The message is a complete report: label, master seed, the
 * failing try's index and seed, the original and the shrunk value, the number of shrink steps, both
 * failures and a one-line reproduction hint ({@code -Dtandem.seed=<seed> -Dtandem.tries=<n>}).
 *
 * <p>{@link #getCause()} is the exception thrown for the <em>original</em> failing value; the
 * exception thrown for the shrunk value is {@link #shrunkFailure()} and is also attached as a
 * suppressed exception, so both stack traces appear in test reports. The accessors let tests of
 * the harness itself assert on the outcome without parsing the message.
 */
public final class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String label;
    private final Long masterSeed;
    private final long trySeed;
    private final int tryIndex;
    private final transient Object originalValue;
    private final transient Object shrunkValue;
    private final int shrinkSteps;
    private final int shrinkRuns;
    private final String reproduction;
    private final Throwable shrunkFailure;

    PropertyFailure(Engine.Falsified f, Object originalValue, Object shrunkValue,
                    String originalRendering, String shrunkRendering) {
        super(message(f, originalRendering, shrunkRendering), f.original().error());
        this.label = f.label();
        this.masterSeed = f.masterSeed();
        this.trySeed = f.trySeed();
        this.tryIndex = f.tryIndex();
        this.originalValue = originalValue;
        this.shrunkValue = shrunkValue;
        this.shrinkSteps = f.shrinkSteps();
        this.shrinkRuns = f.shrinkRuns();
        this.reproduction = reproduction(f);
        this.shrunkFailure = f.shrunk().error();
        if (shrunkFailure != f.original().error()) {
            addSuppressed(shrunkFailure);
        }
    }

    /** @return the property's label */
    public String label() {
        return label;
    }

    /** @return the master seed of the run; empty if a single try was replayed with {@code trySeed} */
    public OptionalLong masterSeed() {
        return masterSeed == null ? OptionalLong.empty() : OptionalLong.of(masterSeed);
    }

    /** @return the seed of the failing try; {@code .trySeed(trySeed())} replays just that try */
    public long trySeed() {
        return trySeed;
    }

    /** @return the 0-based index of the failing try (its seed is {@code SplitMix64.derive(masterSeed, tryIndex)}) */
    public int tryIndex() {
        return tryIndex;
    }

    /** @return the value that first failed, regenerated from its choices (so unaffected by mutation) */
    public Object originalValue() {
        return originalValue;
    }

    /** @return the minimal failing value found by shrinking (for stateful properties: the action list) */
    public Object shrunkValue() {
        return shrunkValue;
    }

    /** @return how many simplifications were accepted while shrinking */
    public int shrinkSteps() {
        return shrinkSteps;
    }

    /** @return how many times the property was re-run while shrinking */
    public int shrinkRuns() {
        return shrinkRuns;
    }

    /** @return what the property threw for the shrunk value */
    public Throwable shrunkFailure() {
        return shrunkFailure;
    }

    /** @return the reproduction hint, e.g. {@code -Dtandem.seed=42 -Dtandem.tries=7} */
    public String reproduction() {
        return reproduction;
    }

    private static String reproduction(Engine.Falsified f) {
        if (f.masterSeed() == null) {
            return ".trySeed(" + f.trySeed() + "L)";
        }
        return "-D" + Property.SEED_PROPERTY + "=" + f.masterSeed() + " -D" + Property.TRIES_PROPERTY + "="
                + f.triesToReproduce();
    }

    private static String message(Engine.Falsified f, String originalRendering, String shrunkRendering) {
        StringBuilder m = new StringBuilder();
        m.append("Property '").append(f.label()).append("' falsified on try #").append(f.tryIndex())
                .append(" after ").append(f.triesToReproduce() - 1).append(" passing tries; shrunk in ")
                .append(f.shrinkSteps()).append(" steps (").append(f.shrinkRuns()).append(" runs)");
        if (f.budgetExhausted()) {
            m.append(", shrink budget exhausted: the shrunk value may not be minimal");
        }
        m.append('\n');
        field(m, "master seed", f.masterSeed() == null ? "n/a (single try replayed with trySeed)"
                : String.valueOf(f.masterSeed()));
        field(m, "try seed", f.trySeed() + "   (replay only this try: .trySeed(" + f.trySeed() + "L))");
        field(m, "try index", String.valueOf(f.tryIndex()));
        field(m, "original value", originalRendering);
        field(m, "shrunk value", shrunkRendering);
        field(m, "shrunk failure", String.valueOf(f.shrunk().error()));
        field(m, "original failure", String.valueOf(f.original().error()));
        m.append("Reproduce with: ").append(reproduction(f));
        return m.toString();
    }

    private static void field(StringBuilder m, String name, String text) {
        m.append("  ").append(name).append(" ".repeat(Math.max(1, 17 - name.length()))).append(": ");
        m.append(text.replace("\n", "\n      ")).append('\n');
    }
}
