package dev.tandem.kernel.strategy.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the library says about one built-in strategy: its name, a summary, whether the risk engine treats it as a
 * market maker, and its parameters in a fixed (documentation) order. Enough for a CLI to print help and for a
 * scenario validator to check names and parameters before a run.
 *
 * @param name        the name scenarios use, e.g. {@code sma-cross}
 * @param summary     what it does, one or two sentences
 * @param marketMaker true if registered as a market maker (the risk engine's inventory-edge check applies)
 * @param params      its parameters
 */
public record StrategyDescriptor(String name, String summary, boolean marketMaker, List<ParamSpec> params) {
    public StrategyDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        params = List.copyOf(params);
        final TreeSet<String> seen = new TreeSet<>();
        for (final ParamSpec p : params) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(name + ": parameter " + p.name() + " declared twice");
            }
        }
    }

    /** Parameter names, sorted. */
    public List<String> paramNames() {
        final TreeSet<String> names = new TreeSet<>();
        params.forEach(p -> names.add(p.name()));
        return new ArrayList<>(names);
    }

    /** The parameter of that name, or null. */
    public ParamSpec param(final String paramName) {
        for (final ParamSpec p : params) {
            if (p.name().equals(paramName)) {
                return p;
            }
        }
        return null;
    }

    /** A plain-text help block: name, summary, then one line per parameter with kind, default and description. */
    public String usage() {
        final StringBuilder b = new StringBuilder();
        b.append(name).append(marketMaker ? " (market maker)" : "").append('\n');
        b.append("  ").append(summary).append('\n');
        for (final ParamSpec p : params) {
            b.append("  ").append(p.name()).append(" = ").append(p.defaultValue()).append("  [").append(p.typeText()).append("]  ")
                    .append(p.description()).append('\n');
        }
        return b.toString();
    }
}
