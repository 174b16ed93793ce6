package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategyContext;
import java.util.List;

/**
 * {@code sma-cross}: long-only simple-moving-average crossover with all-in sizing.
 *
 * <p><b>When a signal is generated.</b> Only on bar close ({@link #onBar}, the bar's {@code close} at its
 * {@code tsEventNanos}); quotes and trades are ignored. With {@code fastSma} and {@code slowSma} the means of the last
 * {@code fast} and {@code slow} closes, let {@code d} be the sign of {@code fastSma − slowSma}, defined from the
 * {@code slow}-th bar on. A <i>cross up</i> happens at the bar where {@code d > 0} and it was {@code ≤ 0} at the
 * previous bar; a <i>cross down</i> where {@code d < 0} and it was {@code ≥ 0}. So the earliest signal is at bar
 * {@code slow + 1}, and a bar where the averages are exactly equal is neither above nor below. The comparison is exact
 * (sums of scaled prices, 128-bit products), never on doubles.
 *
 * <p><b>What it does.</b> At a cross up, when the account is flat on the instrument: one MARKET BUY of
 * {@code floor(equity × allocation / close)} rounded down to the lot size (capped at the instrument's maximum order
 * quantity; nothing if below the minimum). At a cross down, when long: one MARKET SELL of the whole position. The
 * order goes out at the bar's close time; its fill price is the venue's business (the simulator's {@code BarFill.CLOSE}
 * fills at this close, like "cheat-on-close" backtesters; {@code BarFill.NEXT_OPEN} at the next bar's open, like
 * most event-driven backtesters' default). While its order is open the strategy makes no new decision; a cross that
 * happens meanwhile is acted on when the order ends. A denied order is not retried: the next signal decides again.
 */
public final class SmaCross implements SnapshottableStrategy {
    /** The name in the library. */
    public static final String NAME = "sma-cross";
    private static final String STATE_FORMAT = NAME + "/1";

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Long-only SMA crossover on bar closes: all-in market BUY when the fast SMA crosses above the slow one, "
                    + "market SELL of the whole position when it crosses below.",
            false,
            List.of(
                    ParamSpec.integer("fast", 10, 1, 99_999, "bars in the fast SMA; must be below slow"),
                    ParamSpec.integer("slow", 30, 2, 100_000, "bars in the slow SMA"),
                    ParamSpec.decimal("allocation", "1", "0.0001", "1",
                            "fraction of equity an entry spends (1 = all-in; below 1 leaves room for fees)")));

    /**
     * Validated parameters.
     *
     * @param fast            fast SMA length, 1 ≤ fast &lt; slow
     * @param slow            slow SMA length, ≤ 100 000
     * @param allocationUnits fraction of equity per entry, in units of 1/10 000 (10 000 = all-in)
     */
    public record Config(int fast, int slow, long allocationUnits) {
        public Config {
            if (slow < 2 || slow > 100_000) {
                throw new StrategyParameterException(NAME, "slow",
                        "strategy '" + NAME + "' parameter 'slow': must be integer 2..100000, got '" + slow + "'");
            }
            if (fast < 1 || fast >= slow) {
                throw new StrategyParameterException(NAME, "fast",
                        "strategy '" + NAME + "' parameter 'fast': must be at least 1 and below slow (" + slow + "), got '" + fast + "'");
            }
            if (allocationUnits < 1 || allocationUnits > LibMath.FACTOR_ONE) {
                throw new StrategyParameterException(NAME, "allocation",
                        "strategy '" + NAME + "' parameter 'allocation': must be in 0.0001..1");
            }
        }

        static Config from(final Params p) {
            return new Config(p.integer("fast"), p.integer("slow"), p.decimal("allocation", LibMath.FACTOR_SCALE));
        }
    }

    private enum Signal { NONE, LONG, FLAT }

    private final InstrumentId instrumentId;
    private final Config config;
    private final AllInTrader trader;
    private final LongRing closes;
    private long fastSum;
    private long slowSum;
    /** Sign of fastSma − slowSma at the previous ready bar; 2 = not yet known. */
    private int previousSign = 2;
    private Signal signal = Signal.NONE;
    private long lastClose;
    private boolean deferred;
    private int signals;

    /** A strategy trading {@code instrumentId} with these parameters. */
    public SmaCross(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
        this.trader = new AllInTrader(NAME, instrumentId, config.allocationUnits());
        this.closes = new LongRing(config.slow());
    }

    @Override
    public void onStart(final StrategyContext context) {
        trader.start(context);
    }

    @Override
    public void onBar(final Bar bar) {
        if (!bar.instrumentId().equals(instrumentId)) {
            return;
        }
        push(bar.close());
        lastClose = bar.close();
        if (!closes.isFull()) {
            return;
        }
        // fastSma − slowSma = fastSum/fast − slowSum/slow, compared exactly as fastSum·slow − slowSum·fast
        final int sign = LibMath.compareProducts(fastSum, config.slow(), slowSum, config.fast());
        final int before = previousSign;
        previousSign = sign;
        if (before == 2) {
            return;
        }
        if (sign > 0 && before <= 0) {
            signal(Signal.LONG);
        } else if (sign < 0 && before >= 0) {
            signal(Signal.FLAT);
        }
    }

    private void push(final long close) {
        // the value leaving the fast window is the fast-th newest before this add
        if (closes.size() >= config.fast()) {
            fastSum = Math.subtractExact(fastSum, closes.fromNewest(config.fast() - 1));
        }
        if (closes.isFull()) {
            slowSum = Math.subtractExact(slowSum, closes.get(0));
        }
        closes.add(close);
        fastSum = Math.addExact(fastSum, close);
        slowSum = Math.addExact(slowSum, close);
    }

    private void signal(final Signal s) {
        signals++;
        signal = s;
        if (trader.busy()) {
            deferred = true;
            return;
        }
        act();
    }

    private void act() {
        final long position = trader.position();
        if (signal == Signal.LONG && position == 0) {
            trader.buyAllIn(lastClose);
        } else if (signal == Signal.FLAT && position > 0) {
            trader.sellAll();
        }
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        if (trader.onOrderEvent(event) && deferred) {
            deferred = false;
            act();
        }
    }

    /** Crosses seen so far (up and down), whether or not they led to an order. */
    public int signals() {
        return signals;
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        final StateText s = StateText.write(STATE_FORMAT)
                .put("closes", closes.toArray())
                .put("previousSign", previousSign)
                .put("signal", signal.name())
                .put("lastClose", lastClose)
                .put("deferred", deferred)
                .put("signals", signals);
        trader.save(s);
        return s.toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        final StateText s = StateText.read(STATE_FORMAT, state);
        closes.clear();
        fastSum = 0;
        slowSum = 0;
        for (final long c : s.getLongs("closes")) {
            push(c);
        }
        previousSign = s.getInt("previousSign");
        signal = Signal.valueOf(s.getString("signal"));
        lastClose = s.getLong("lastClose");
        deferred = s.getBoolean("deferred");
        signals = s.getInt("signals");
        trader.restore(context, s);
    }
}
