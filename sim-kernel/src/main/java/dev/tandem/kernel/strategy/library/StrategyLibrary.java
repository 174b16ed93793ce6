package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The registry of Tandem's built-in strategies, by name: what scenario files and the CLI refer to.
 *
 * <pre>{@code
 * StrategySpec spec = StrategyLibrary.create("sma-cross", Map.of("fast", "5", "slow", "20"), "sma1", btc);
 * kernel.addStrategy(spec);
 * StrategyLibrary.descriptors().forEach(d -> System.out.print(d.usage()));   // names, parameters, defaults
 * }</pre>
 *
 * <p>Every lookup is strict: an unknown strategy name or parameter name, a malformed value or a value out of range is
 * a {@link StrategyParameterException} whose message lists the valid names or the expected form; nothing is silently
 * ignored or defaulted. {@link #validate} checks everything that does not depend on the instrument (for a scenario
 * validator); {@link #create} also checks quantities against the instrument's lot size and limits.
 *
 * <p>Each {@link #create} returns a new strategy instance (instances hold state and belong to one kernel). The
 * returned {@link StrategySpec} carries every parameter with its effective value (given or default), so reports show
 * exactly what ran, and is flagged as a market maker for {@code market-maker}.
 */
public final class StrategyLibrary {
    /** One registered strategy: how to read its parameters, check them on an instrument, and build it. */
    private record Entry<C>(
            StrategyDescriptor descriptor,
            Function<Params, C> read,
            BiConsumer<C, Instrument> check,
            BiFunction<InstrumentId, C, Strategy> build) {

        Strategy create(final Params params, final Instrument instrument) {
            final C config = read.apply(params);
            check.accept(config, instrument);
            return build.apply(instrument.id(), config);
        }

        void validate(final Params params) {
            read.apply(params);
        }
    }

    private static final TreeMap<String, Entry<?>> ENTRIES = new TreeMap<>();

    static {
        register(new Entry<>(SmaCross.DESCRIPTOR, SmaCross.Config::from, (c, i) -> {}, SmaCross::new));
        register(new Entry<>(RsiReversion.DESCRIPTOR, RsiReversion.Config::from, (c, i) -> {}, RsiReversion::new));
        register(new Entry<>(MarketMaker.DESCRIPTOR, MarketMaker.Config::from, MarketMaker.Config::check, MarketMaker::new));
        register(new Entry<>(PumpDetector.DESCRIPTOR, PumpDetector.Config::from, PumpDetector.Config::check, PumpDetector::new));
        register(new Entry<>(RogueLoop.DESCRIPTOR, RogueLoop.Config::from, RogueLoop.Config::check, RogueLoop::new));
        register(new Entry<>(FatFinger.DESCRIPTOR, FatFinger.Config::from, FatFinger.Config::check, FatFinger::new));
        register(new Entry<>(CancelReplaceStorm.DESCRIPTOR, CancelReplaceStorm.Config::from, CancelReplaceStorm.Config::check,
                CancelReplaceStorm::new));
    }

    private StrategyLibrary() {}

    private static void register(final Entry<?> e) {
        if (ENTRIES.put(e.descriptor().name(), e) != null) {
            throw new IllegalStateException("two built-in strategies named " + e.descriptor().name());
        }
    }

    /** The names of every built-in strategy, sorted. */
    public static List<String> names() {
        return new ArrayList<>(ENTRIES.keySet());
    }

    /** Every built-in strategy's description, sorted by name. */
    public static List<StrategyDescriptor> descriptors() {
        final List<StrategyDescriptor> out = new ArrayList<>();
        ENTRIES.values().forEach(e -> out.add(e.descriptor()));
        return out;
    }

    /** Whether a built-in strategy has this name. */
    public static boolean exists(final String name) {
        return name != null && ENTRIES.containsKey(name);
    }

    /**
     * The description of one strategy.
     *
     * @throws StrategyParameterException if there is none of that name (the message lists the valid names)
     */
    public static StrategyDescriptor describe(final String name) {
        return entry(name).descriptor();
    }

    /**
     * Checks a strategy name and its parameters without an instrument: names, syntax and ranges of every value, and
     * the rules between parameters. Quantities are checked against an instrument only by {@link #create}.
     *
     * @param name   a strategy name
     * @param params given parameters (null or empty: all defaults)
     * @return every parameter with its effective value, sorted by name
     * @throws StrategyParameterException on the first problem found (parameters are looked at in name order)
     */
    public static SortedMap<String, String> validate(final String name, final Map<String, String> params) {
        final Entry<?> e = entry(name);
        final Params p = new Params(e.descriptor(), params);
        e.validate(p);
        return p.effective();
    }

    /**
     * A new instance of a built-in strategy, registered for one instrument.
     *
     * @param name       a strategy name ({@link #names()})
     * @param params     given parameters (null or empty: all defaults)
     * @param strategyId the id it runs under (≤ 12 chars of {@code [A-Za-z0-9_-]}; embedded in client order ids)
     * @param instrument the instrument it trades (its quantities are checked against this instrument's filters)
     * @return the spec to add to a kernel, with the effective parameters and the market-maker flag
     * @throws StrategyParameterException for an unknown name or parameter, or a value it cannot use
     */
    public static StrategySpec create(final String name, final Map<String, String> params, final String strategyId,
            final Instrument instrument) {
        final Entry<?> e = entry(name);
        final Params p = new Params(e.descriptor(), params);
        final Strategy strategy = e.create(p, instrument);
        return new StrategySpec(new StrategyId(strategyId), List.of(instrument.id()), e.descriptor().marketMaker(), p.effective(), strategy);
    }

    /** Help text for every strategy ({@link StrategyDescriptor#usage()}), in name order. */
    public static String usage() {
        final StringBuilder b = new StringBuilder();
        for (final StrategyDescriptor d : descriptors()) {
            b.append(d.usage()).append('\n');
        }
        return b.toString();
    }

    private static Entry<?> entry(final String name) {
        final Entry<?> e = name == null ? null : ENTRIES.get(name);
        if (e == null) {
            throw new StrategyParameterException(String.valueOf(name), null,
                    "unknown strategy '" + name + "'; valid strategies: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }
}
