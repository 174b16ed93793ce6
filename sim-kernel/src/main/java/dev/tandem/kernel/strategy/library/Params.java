package dev.tandem.kernel.strategy.library;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A strategy's text parameters checked against its {@link StrategyDescriptor}: unknown names are refused at once
 * (listing the valid ones), and each typed getter parses the given value, or the default, and checks its range. Every
 * error is a {@link StrategyParameterException} whose message names the strategy, the parameter, what was expected
 * and what was given.
 */
final class Params {
    private final StrategyDescriptor descriptor;
    private final TreeMap<String, String> given = new TreeMap<>();

    /**
     * @param descriptor the strategy's parameters
     * @param values     the given values (null = none); names must be declared by the descriptor
     */
    Params(final StrategyDescriptor descriptor, final Map<String, String> values) {
        this.descriptor = descriptor;
        if (values == null) {
            return;
        }
        // sorted first, so that the first unknown name reported does not depend on the caller's map order
        final TreeMap<String, String> sorted = new TreeMap<>();
        for (final Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new StrategyParameterException(descriptor.name(), null,
                        "strategy '" + descriptor.name() + "': a parameter has no name");
            }
            sorted.put(e.getKey(), e.getValue());
        }
        for (final Map.Entry<String, String> e : sorted.entrySet()) {
            if (descriptor.param(e.getKey()) == null) {
                throw new StrategyParameterException(descriptor.name(), e.getKey(), "strategy '" + descriptor.name()
                        + "': unknown parameter '" + e.getKey() + "'; valid parameters: " + String.join(", ", descriptor.paramNames()));
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw error(e.getKey(), "has no value (expected " + descriptor.param(e.getKey()).typeText() + ")", e.getValue());
            }
            given.put(e.getKey(), e.getValue().trim());
        }
    }

    /** The strategy's name. */
    String strategy() {
        return descriptor.name();
    }

    /** Every parameter with its given value or its default, sorted by name. */
    SortedMap<String, String> effective() {
        final TreeMap<String, String> out = new TreeMap<>();
        for (final ParamSpec p : descriptor.params()) {
            out.put(p.name(), given.getOrDefault(p.name(), p.defaultValue()));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** An INTEGER parameter. */
    int integer(final String name) {
        final ParamSpec spec = spec(name, ParamSpec.Kind.INTEGER);
        final String text = text(spec);
        final int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(name, "must be " + spec.typeText(), text);
        }
        checkRange(spec, BigDecimal.valueOf(value), text);
        return value;
    }

    /** A DECIMAL parameter as an exact scaled long ({@code value × 10^scale}). */
    long decimal(final String name, final int scale) {
        final ParamSpec spec = spec(name, ParamSpec.Kind.DECIMAL);
        final String text = text(spec);
        final BigDecimal value = parseDecimal(spec, text);
        checkRange(spec, value, text);
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw error(name, "must have at most " + scale + " decimals", text);
        }
    }

    /** A QUANTITY parameter. */
    QtyParam quantity(final String name) {
        final ParamSpec spec = spec(name, ParamSpec.Kind.QUANTITY);
        final String text = text(spec);
        if (text.equalsIgnoreCase("min")) {
            return QtyParam.min(name);
        }
        final BigDecimal value = parseDecimal(spec, text);
        if (value.signum() <= 0) {
            throw error(name, "must be a positive quantity in base units, or 'min'", text);
        }
        return new QtyParam(name, value.stripTrailingZeros());
    }

    /** A FLAG parameter. */
    boolean flag(final String name) {
        final ParamSpec spec = spec(name, ParamSpec.Kind.FLAG);
        final String text = text(spec);
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw error(name, "must be true or false", text);
    }

    /** A CHOICE parameter, upper case. */
    String choice(final String name) {
        final ParamSpec spec = spec(name, ParamSpec.Kind.CHOICE);
        final String text = text(spec);
        final String upper = text.toUpperCase(Locale.ROOT);
        if (!spec.choices().contains(upper)) {
            throw error(name, "must be " + spec.typeText(), text);
        }
        return upper;
    }

    /** An error about one parameter whose value is fine on its own but not with the others. */
    StrategyParameterException conflict(final String name, final String problem) {
        return new StrategyParameterException(descriptor.name(), name,
                "strategy '" + descriptor.name() + "' parameter '" + name + "': " + problem);
    }

    private ParamSpec spec(final String name, final ParamSpec.Kind kind) {
        final ParamSpec spec = descriptor.param(name);
        if (spec == null || spec.kind() != kind) {
            // a library bug, not a user error: the strategy reads a parameter it did not declare as this kind
            throw new IllegalStateException(descriptor.name() + " reads undeclared " + kind + " parameter " + name);
        }
        return spec;
    }

    private String text(final ParamSpec spec) {
        return given.getOrDefault(spec.name(), spec.defaultValue());
    }

    private BigDecimal parseDecimal(final ParamSpec spec, final String text) {
        try {
            final BigDecimal d = new BigDecimal(text);
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                throw new NumberFormatException("exponent");
            }
            return d;
        } catch (NumberFormatException e) {
            throw error(spec.name(), "must be " + (spec.kind() == ParamSpec.Kind.QUANTITY ? "a plain decimal quantity, or 'min'"
                    : "a plain decimal number (" + spec.typeText() + ")"), text);
        }
    }

    private void checkRange(final ParamSpec spec, final BigDecimal value, final String text) {
        if ((spec.min() != null && value.compareTo(spec.min()) < 0) || (spec.max() != null && value.compareTo(spec.max()) > 0)) {
            throw error(spec.name(), "must be " + spec.typeText(), text);
        }
    }

    private StrategyParameterException error(final String name, final String problem, final String got) {
        return new StrategyParameterException(descriptor.name(), name,
                "strategy '" + descriptor.name() + "' parameter '" + name + "': " + problem + ", got '" + got + "'");
    }
}
