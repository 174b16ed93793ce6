package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code fat-finger} (chaos): one order far from the market — a price {@code priceFactor ×} the reference price
 * and/or a quantity {@code qtyFactor × size} — as a slipped finger would enter it. Scenarios use it to check that the
 * risk engine's price band, notional and quantity limits stop it.
 *
 * <p>It fires once, {@code delayMs} after the first market data of its instrument (at the first data after that when
 * there was still no reference price then). Price: the reference price ({@code MarketView.referencePrice}: mark, else
 * mid, else last) × {@code priceFactor}, rounded to the tick, at least one tick (LIMIT only; a MARKET order has no
 * price). Quantity: {@code size × qtyFactor} rounded down to the lot. A result that would not fit a {@code long} is
 * clamped to the largest representable tick or lot multiple (the risk engine denies an order whose notional overflows).
 */
public final class FatFinger extends ChaosStrategy {
    /** The name in the library. */
    public static final String NAME = "fat-finger";
    private static final String STATE_FORMAT = NAME + "/1";
    private static final String TIMER = "fire";

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Chaos: one order far from the market (price × priceFactor and/or quantity × qtyFactor), to exercise the "
                    + "risk engine's price band, notional and quantity limits.",
            false,
            List.of(
                    ParamSpec.choice("side", "BUY", List.of("BUY", "SELL"), "side of the order"),
                    ParamSpec.choice("orderType", "LIMIT", List.of("LIMIT", "MARKET"), "order type (a MARKET order has no price)"),
                    ParamSpec.quantity("size", "min", "intended quantity, before qtyFactor"),
                    ParamSpec.decimal("priceFactor", "10", "0.0001", "1000000", "limit price as a multiple of the reference price"),
                    ParamSpec.decimal("qtyFactor", "1", "1", "1000000000", "quantity as a multiple of size"),
                    ParamSpec.integer("delayMs", 0, 0, Integer.MAX_VALUE, "delay after the first market data")));

    /**
     * Validated parameters.
     *
     * @param side             BUY or SELL
     * @param orderType        LIMIT or MARKET
     * @param size             intended quantity
     * @param priceFactorUnits price multiple in units of 1/10 000
     * @param qtyFactorUnits   quantity multiple in units of 1/10 000
     * @param delayMs          delay after the first market data
     */
    public record Config(String side, String orderType, QtyParam size, long priceFactorUnits, long qtyFactorUnits, int delayMs) {
        public Config {
            if (priceFactorUnits <= 0 || qtyFactorUnits < LibMath.FACTOR_ONE || delayMs < 0) {
                throw new StrategyParameterException(NAME, priceFactorUnits <= 0 ? "priceFactor" : qtyFactorUnits < LibMath.FACTOR_ONE
                        ? "qtyFactor" : "delayMs", "strategy '" + NAME + "': priceFactor must be positive, qtyFactor at least 1, "
                        + "delayMs not negative");
            }
            if (!List.of("BUY", "SELL").contains(side) || !List.of("LIMIT", "MARKET").contains(orderType)) {
                throw new StrategyParameterException(NAME, "side", "strategy '" + NAME + "': side must be BUY or SELL and "
                        + "orderType LIMIT or MARKET");
            }
        }

        static Config from(final Params p) {
            return new Config(p.choice("side"), p.choice("orderType"), p.quantity("size"),
                    p.decimal("priceFactor", LibMath.FACTOR_SCALE), p.decimal("qtyFactor", LibMath.FACTOR_SCALE), p.integer("delayMs"));
        }

        void check(final Instrument instrument) {
            size.resolve(NAME, instrument);
        }
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private StrategyContext ctx;
    private Instrument instrument;
    private long size;
    private boolean armed;
    private boolean due;
    private boolean fired;
    private SubmitResult result;

    /** A fat finger on {@code instrumentId} with these parameters. */
    public FatFinger(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
    }

    @Override
    public void onStart(final StrategyContext context) {
        bind(context);
    }

    private void bind(final StrategyContext context) {
        this.ctx = context;
        this.instrument = context.instrument(instrumentId);
        this.size = config.size().resolve(NAME, instrument);
    }

    @Override
    protected void onAnyData() {
        if (!armed) {
            armed = true;
            ctx.setTimer(TIMER, ctx.nowNanos() + LibMath.millis(config.delayMs()));
        } else if (due && !fired) {
            fire(); // the timer found no reference price: try again with this data
        }
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (timer.name().equals(TIMER) && !fired) {
            due = true;
            fire();
        }
    }

    private void fire() {
        final Side side = Side.valueOf(config.side());
        final long qty = fatQty();
        if (config.orderType().equals("MARKET")) {
            fired = true;
            result = ctx.marketOrder(instrumentId, side, qty);
            return;
        }
        final long reference = ctx.market().referencePrice(instrumentId);
        if (reference <= 0) {
            return;
        }
        fired = true;
        result = ctx.limitOrder(instrumentId, side, fatPrice(reference), qty);
    }

    /** The reference price × priceFactor on the tick grid, at least one tick; clamped when it overflows. */
    long fatPrice(final long reference) {
        final long tick = instrument.tickSize();
        long price;
        try {
            price = instrument.roundPrice(Fixed.mulDiv(reference, config.priceFactorUnits(), LibMath.FACTOR_ONE, RoundingMode.HALF_EVEN));
        } catch (ArithmeticException overflow) {
            price = LibMath.floorToTick(Long.MAX_VALUE, tick);
        }
        return Math.max(tick, price);
    }

    /** size × qtyFactor rounded down to the lot; clamped when it overflows. */
    long fatQty() {
        try {
            return instrument.roundQtyDown(Fixed.mulDiv(size, config.qtyFactorUnits(), LibMath.FACTOR_ONE, RoundingMode.FLOOR));
        } catch (ArithmeticException overflow) {
            return instrument.roundQtyDown(Long.MAX_VALUE);
        }
    }

    /** Whether the order was submitted. */
    public boolean fired() {
        return fired;
    }

    /** What the risk engine said about it, or null before it fired (and after a restore). */
    public SubmitResult result() {
        return result;
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        return StateText.write(STATE_FORMAT).put("armed", armed).put("due", due).put("fired", fired).toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        bind(context);
        final StateText s = StateText.read(STATE_FORMAT, state);
        armed = s.getBoolean("armed");
        due = s.getBoolean("due");
        fired = s.getBoolean("fired");
    }
}
