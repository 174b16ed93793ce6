package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategyContext;
import java.util.List;

/**
 * {@code rsi-reversion}: long-only mean reversion on Wilder's RSI of bar closes, all-in sizing.
 *
 * <p><b>When a signal is generated.</b> On bar close only. The RSI is Wilder's over {@code period} close-to-close
 * changes (the same formula and edge rules as {@link dev.tandem.kernel.indicator.Rsi}: ready after
 * {@code period + 1} closes, 100 with gains only, 50 for a flat series). At each bar from then on: when the account is
 * flat on the instrument and {@code RSI < lower}, one MARKET BUY of {@code floor(equity × allocation / close)} rounded
 * down to the lot (capped at the maximum order quantity; nothing if below the minimum); when long and
 * {@code RSI > upper}, one MARKET SELL of the whole position. The conditions are levels, not crosses: a bar that still
 * satisfies them after a denied order decides again. Strict comparisons: RSI equal to a bound does nothing.
 *
 * <p>While its order is open the strategy makes no new decision; if bars arrive meanwhile, it decides on the latest
 * one when the order ends. Fill prices are the venue's business, as for {@link SmaCross}.
 */
public final class RsiReversion implements SnapshottableStrategy {
    /** The name in the library. */
    public static final String NAME = "rsi-reversion";
    private static final String STATE_FORMAT = NAME + "/1";
    private static final int LEVEL_SCALE = 4;

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Long-only RSI mean reversion on bar closes: all-in market BUY when Wilder's RSI is below lower, "
                    + "market SELL of the whole position when it is above upper.",
            false,
            List.of(
                    ParamSpec.integer("period", 14, 1, 100_000, "close-to-close changes in Wilder's RSI"),
                    ParamSpec.decimal("lower", "30", "0", "100", "buy when RSI is below this (strictly); below upper"),
                    ParamSpec.decimal("upper", "70", "0", "100", "sell when RSI is above this (strictly)"),
                    ParamSpec.decimal("allocation", "1", "0.0001", "1",
                            "fraction of equity an entry spends (1 = all-in; below 1 leaves room for fees)")));

    /**
     * Validated parameters.
     *
     * @param period          RSI period, ≥ 1
     * @param lower           buy level, 0 ≤ lower &lt; upper
     * @param upper           sell level, ≤ 100
     * @param allocationUnits fraction of equity per entry, in units of 1/10 000 (10 000 = all-in)
     */
    public record Config(int period, double lower, double upper, long allocationUnits) {
        public Config {
            if (period < 1) {
                throw new StrategyParameterException(NAME, "period",
                        "strategy '" + NAME + "' parameter 'period': must be at least 1, got '" + period + "'");
            }
            if (!(lower >= 0 && upper <= 100 && lower < upper)) {
                throw new StrategyParameterException(NAME, "lower", "strategy '" + NAME + "' parameter 'lower': must be at least 0 "
                        + "and below upper (" + upper + "), and upper at most 100, got '" + lower + "'");
            }
            if (allocationUnits < 1 || allocationUnits > LibMath.FACTOR_ONE) {
                throw new StrategyParameterException(NAME, "allocation",
                        "strategy '" + NAME + "' parameter 'allocation': must be in 0.0001..1");
            }
        }

        static Config from(final Params p) {
            // levels are read exactly, then compared with the RSI (a double) as the nearest doubles
            final long lower = p.decimal("lower", LEVEL_SCALE);
            final long upper = p.decimal("upper", LEVEL_SCALE);
            if (lower >= upper) {
                throw p.conflict("lower", "must be below upper (" + plain(upper) + "), got '" + plain(lower) + "'");
            }
            return new Config(p.integer("period"), Fixed.toDouble(lower, LEVEL_SCALE), Fixed.toDouble(upper, LEVEL_SCALE),
                    p.decimal("allocation", LibMath.FACTOR_SCALE));
        }
    }

    private static String plain(final long level) {
        return java.math.BigDecimal.valueOf(level, LEVEL_SCALE).stripTrailingZeros().toPlainString();
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private final AllInTrader trader;
    private final WilderRsi rsi;
    private long lastClose;
    private boolean deferred;

    /** A strategy trading {@code instrumentId} with these parameters. */
    public RsiReversion(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
        this.trader = new AllInTrader(NAME, instrumentId, config.allocationUnits());
        this.rsi = new WilderRsi(config.period());
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
        lastClose = bar.close();
        rsi.update(Fixed.toDouble(bar.close(), trader.instrument().priceScale()));
        if (trader.busy()) {
            deferred = true;
            return;
        }
        decide();
    }

    private void decide() {
        if (!rsi.isReady()) {
            return;
        }
        final double value = rsi.value();
        final long position = trader.position();
        if (position == 0 && value < config.lower()) {
            trader.buyAllIn(lastClose);
        } else if (position > 0 && value > config.upper()) {
            trader.sellAll();
        }
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        if (trader.onOrderEvent(event) && deferred) {
            deferred = false;
            decide();
        }
    }

    /** The RSI after the latest bar (NaN before it is ready). */
    public double rsi() {
        return rsi.value();
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        final StateText s = StateText.write(STATE_FORMAT).put("lastClose", lastClose).put("deferred", deferred);
        rsi.save(s);
        trader.save(s);
        return s.toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        final StateText s = StateText.read(STATE_FORMAT, state);
        lastClose = s.getLong("lastClose");
        deferred = s.getBoolean("deferred");
        rsi.restore(s);
        trader.restore(context, s);
    }
}
