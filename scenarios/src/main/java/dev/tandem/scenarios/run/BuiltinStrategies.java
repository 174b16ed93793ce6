package dev.tandem.scenarios.run;

import dev.tandem.scenarios.time.TimeText;
import dev.tandem.scenarios.strategies.BuyAndHold;
import dev.tandem.scenarios.strategies.IntervalTrader;
import dev.tandem.scenarios.strategies.SmaCross;
import dev.tandem.kernel.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The interim built-in strategies ({@code dev.tandem.scenarios.strategies}) by name, with their parameters. When the
 * kernel's {@code StrategyLibrary} lands it is chained before (or instead of) this resolver.
 */
public final class BuiltinStrategies implements StrategyResolver {
    /** The parameter the runner fills with the strategy's first instrument ({@code SYMBOL.VENUE}). */
    public static final String INSTRUMENT_PARAM = "instrument";

    private final SortedMap<String, Resolved> byName = new TreeMap<>();

    /** The built-ins. */
    public BuiltinStrategies() {
        byName.put("sma-cross", new Resolved("sma-cross", SmaCross::new, Set.of("fast", "slow"), (p, i) -> {
            final List<String> out = new ArrayList<>();
            final Integer fast = integer(p, "fast", 10, out);
            final Integer slow = integer(p, "slow", 30, out);
            if (fast != null && slow != null && (fast < 1 || slow <= fast)) {
                out.add("'fast' must be at least 1 and below 'slow' (fast " + fast + ", slow " + slow + ")");
            }
            return out;
        }));
        byName.put("interval-trader", new Resolved("interval-trader", IntervalTrader::new,
                Set.of("period", "qty", "stop-after"), (p, i) -> {
                    final List<String> out = new ArrayList<>();
                    duration(p, "period", out);
                    duration(p, "stop-after", out);
                    qty(p, i, out);
                    return out;
                }));
        byName.put("buy-and-hold", new Resolved("buy-and-hold", BuyAndHold::new, Set.of("qty"), (p, i) -> {
            final List<String> out = new ArrayList<>();
            qty(p, i, out);
            return out;
        }));
    }

    @Override
    public Resolved resolve(final String reference, final boolean byClass) {
        return byClass ? null : byName.get(reference);
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static Integer integer(final SortedMap<String, String> p, final String name, final int dflt, final List<String> out) {
        final String v = p.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            out.add("parameter '" + name + "' must be a whole number, got \"" + v + "\"");
            return null;
        }
    }

    private static void duration(final SortedMap<String, String> p, final String name, final List<String> out) {
        final String v = p.get(name);
        if (v != null) {
            try {
                if (TimeText.parseDuration(v) <= 0) {
                    out.add("parameter '" + name + "' must be a positive duration");
                }
            } catch (IllegalArgumentException e) {
                out.add("parameter '" + name + "': " + e.getMessage());
            }
        }
    }

    /** A required positive quantity on the instrument's lot grid. */
    private static void qty(final SortedMap<String, String> p, final Instrument instrument, final List<String> out) {
        final String v = p.get("qty");
        if (v == null) {
            out.add("parameter 'qty' is required");
            return;
        }
        final long q;
        try {
            q = instrument.qty(v);
        } catch (NumberFormatException | ArithmeticException e) {
            out.add("parameter 'qty' must be a decimal with at most " + instrument.qtyScale() + " decimals for "
                    + instrument.id().symbol() + ", got \"" + v + "\"");
            return;
        }
        if (!instrument.isValidQty(q)) {
            out.add("parameter 'qty' " + v + " is not a valid " + instrument.id().symbol() + " quantity (lot "
                    + instrument.formatQty(instrument.lotSize()) + ", min " + instrument.formatQty(instrument.minQty())
                    + ", max " + instrument.formatQty(instrument.maxQty()) + ")");
        }
    }
}
