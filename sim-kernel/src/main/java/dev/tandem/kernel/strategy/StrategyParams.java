package dev.tandem.kernel.strategy;

import java.util.SortedMap;

/** Typed access to a strategy's text parameters, with clear errors naming the parameter. */
public final class StrategyParams {
    private final String owner;
    private final SortedMap<String, String> values;

    /** Parameters of one strategy. */
    public StrategyParams(final String owner, final SortedMap<String, String> values) {
        this.owner = owner;
        this.values = values;
    }

    /** All parameters, sorted by name. */
    public SortedMap<String, String> asMap() {
        return values;
    }

    /** A text parameter, or the default. */
    public String string(final String name, final String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** An integer parameter, or the default. */
    public int integer(final String name, final int defaultValue) {
        final String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + ": parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /** A decimal parameter, or the default. */
    public double decimal(final String name, final double defaultValue) {
        final String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + ": parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }

    /** A boolean parameter ("true"/"false"), or the default. */
    public boolean flag(final String name, final boolean defaultValue) {
        final String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(owner + ": parameter '" + name + "' must be true or false, got '" + v + "'");
    }
}
