package dev.tandem.kernel.strategy.library;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a built-in strategy: its name, kind, default, allowed range and a one-line description. Values
 * are text (as in a scenario file); {@link Params} parses and checks them against this specification.
 *
 * @param name         the parameter name (camelCase)
 * @param kind         how the text is read
 * @param defaultValue the value used when the parameter is not given; always a valid value of the kind
 * @param description  what it does, one line
 * @param min          smallest allowed value for INTEGER and DECIMAL (inclusive), null for none
 * @param max          largest allowed value for INTEGER and DECIMAL (inclusive), null for none
 * @param choices      the allowed values of a CHOICE (upper case), empty otherwise
 */
public record ParamSpec(
        String name, Kind kind, String defaultValue, String description, BigDecimal min, BigDecimal max, List<String> choices) {

    /** How a parameter's text is read. */
    public enum Kind {
        /** A whole number ({@code int}). */
        INTEGER,
        /** A plain decimal number, read exactly (no floating point) at a fixed number of decimals. */
        DECIMAL,
        /**
         * A quantity in base-asset units ("0.010"), checked against the instrument's lot size and limits, or
         * {@code min} for the instrument's minimum order quantity.
         */
        QUANTITY,
        /** {@code true} or {@code false}. */
        FLAG,
        /** One of a fixed set of words, case-insensitive. */
        CHOICE
    }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if ((kind == Kind.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a CHOICE parameter needs choices, and only a CHOICE has them");
        }
    }

    /** An integer parameter within [min, max]. */
    public static ParamSpec integer(final String name, final int defaultValue, final int min, final int max, final String description) {
        return new ParamSpec(name, Kind.INTEGER, Integer.toString(defaultValue), description, BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), List.of());
    }

    /** A decimal parameter within [min, max] (either may be null). */
    public static ParamSpec decimal(final String name, final String defaultValue, final String min, final String max, final String description) {
        return new ParamSpec(name, Kind.DECIMAL, defaultValue, description, min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max), List.of());
    }

    /** A quantity parameter ({@code min} or a positive decimal in base units). */
    public static ParamSpec quantity(final String name, final String defaultValue, final String description) {
        return new ParamSpec(name, Kind.QUANTITY, defaultValue, description, null, null, List.of());
    }

    /** A boolean parameter. */
    public static ParamSpec flag(final String name, final boolean defaultValue, final String description) {
        return new ParamSpec(name, Kind.FLAG, Boolean.toString(defaultValue), description, null, null, List.of());
    }

    /** A parameter taking one of a few words. */
    public static ParamSpec choice(final String name, final String defaultValue, final List<String> choices, final String description) {
        return new ParamSpec(name, Kind.CHOICE, defaultValue, description, null, null, choices);
    }

    /** The kind and range in words, e.g. {@code integer 1..100000}, {@code one of BUY, SELL}. */
    public String typeText() {
        return switch (kind) {
            case INTEGER -> "integer " + range();
            case DECIMAL -> "decimal " + range();
            case QUANTITY -> "quantity in base units, or 'min'";
            case FLAG -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    private String range() {
        if (min == null && max == null) {
            return "(any)";
        }
        return (min == null ? "" : min.toPlainString()) + ".." + (max == null ? "" : max.toPlainString());
    }
}
