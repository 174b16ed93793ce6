package dev.tandem.scenarios.run;

import dev.tandem.scenarios.time.TimeText;
import dev.tandem.scenarios.strategies.BuyAndHold;
import dev.tandem.scenarios.strategies.IntervalTrader;
import dev.tandem.scenarios.strategies.RandomTrader;
import dev.tandem.kernel.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scenario-only strategies ({@code dev.tandem.scenarios.strategies}) by name, with their parameters: small helpers
 * for scenarios that need a predictable order flow ({@code interval-trader}, {@code buy-and-hold}) and the
 * seeded random-action trader of the chaos properties ({@code random-trader}). The real
 * strategies come from the kernel's library ({@link LibraryStrategies}), which is asked first.
 */
public final class BuiltinStrategies implements StrategyResolver {
    /** The parameter the runner fills with the strategy's first instrument ({@code SYMBOL.VENUE}). */
    public static final String INSTRUMENT_PARAM = "instrument";

    private final SortedMap<String, Resolved> byName = new TreeMap<>();

    /** The built-ins. */
    public BuiltinStrategies() {
        byName.put("interval-trader", new Resolved("interval-trader", IntervalTrader::new,
                Set.of("period", "qty", "stop-after"), (p, i) -> {
                    final List<String> out = new ArrayList<>();
                    duration(p, "period", out);
                    duration(p, "stop-after", out);
                    qty(p, i, out);
                    return out;
                }));
        byName.put("random-trader", new Resolved("random-trader", RandomTrader::new,
                Set.of("period", "qty", "actions", "stop-after"), (p, i) -> {
                    final List<String> out = new ArrayList<>();
                    duration(p, "period", out);
                    duration(p, "stop-after", out);
                    qty(p, i, out);
                    final String a = p.get("actions");
                    if (a != null && !a.strip().matches("[0-9]{1,18}")) {
                        out.add("parameter 'actions' must be a whole number, got \"" + a + "\"");
                    }
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
