package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import java.util.List;

/**
 * {@code pump-detector}: rides sudden moves that come with a volume surge, both ways, and gets out after a holding
 * period or when the move reverses.
 *
 * <p><b>Entry</b>, on bar close, when the account is flat on the instrument and no order is in flight. With
 * {@code W = window}, bar {@code t} is a <i>surge</i> when its volume is positive and at least
 * {@code volumeFactor ×} the mean volume of the {@code W} bars before it; its <i>momentum</i> is
 * {@code (close_t − close_(t−W)) / close_(t−W)}. A surge with momentum ≥ {@code +momentumBps} enters long (MARKET BUY
 * of {@code size}); a surge with momentum ≤ {@code −momentumBps} enters short (MARKET SELL of {@code size}) when
 * {@code shorts} is true. The first possible entry is at bar {@code W + 1}. All comparisons are exact on the scaled
 * integers.
 *
 * <p><b>Exit</b>, on bar close, with one MARKET order for the whole position: when {@code holdBars} bars have closed
 * since the entry bar, or on a reversal — the close has moved against the position by at least {@code reversalBps}
 * from the most favourable close since entry (a trailing stop on closes). If the position was closed by someone else
 * (the risk engine's flatten, a liquidation), the strategy forgets it.
 *
 * <p>While its order is open the strategy makes no new decision and decides on the latest bar when the order ends.
 * Shorts need an instrument that can be shorted (a perpetual); on spot a short entry is denied by the risk engine.
 */
public final class PumpDetector implements SnapshottableStrategy {
    /** The name in the library. */
    public static final String NAME = "pump-detector";
    private static final String STATE_FORMAT = NAME + "/1";

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Momentum plus volume surge over a window of bars, both sides: enters with the move (market), exits after "
                    + "holdBars bars or when the close retraces reversalBps from its best since entry.",
            false,
            List.of(
                    ParamSpec.integer("window", 20, 1, 100_000, "bars of the momentum look-back and of the average volume"),
                    ParamSpec.decimal("momentumBps", "200", "0.01", "1000000", "least move over the window to enter, basis points"),
                    ParamSpec.decimal("volumeFactor", "3", "0.0001", "1000000", "least bar volume as a multiple of the window's mean volume"),
                    ParamSpec.integer("holdBars", 10, 1, 1_000_000, "bars after the entry bar at which the position is closed"),
                    ParamSpec.decimal("reversalBps", "100", "0.01", "1000000",
                            "retracement from the best close since entry that closes the position, basis points"),
                    ParamSpec.quantity("size", "min", "quantity of each entry"),
                    ParamSpec.flag("shorts", true, "also enter short on a downward surge")));

    /**
     * Validated parameters.
     *
     * @param window            look-back in bars
     * @param momentumUnits     entry move, basis-point units ({@link LibMath#BPS_ONE} = 100 %)
     * @param volumeFactorUnits volume surge factor in units of 1/10 000
     * @param holdBars          holding period in bars
     * @param reversalUnits     exit retracement, basis-point units
     * @param size              entry quantity
     * @param shorts            whether downward surges are traded
     */
    public record Config(int window, long momentumUnits, long volumeFactorUnits, int holdBars, long reversalUnits, QtyParam size,
            boolean shorts) {
        public Config {
            if (window < 1) {
                throw new StrategyParameterException(NAME, "window", "strategy '" + NAME + "' parameter 'window': must be at least 1");
            }
            if (holdBars < 1) {
                throw new StrategyParameterException(NAME, "holdBars", "strategy '" + NAME + "' parameter 'holdBars': must be at least 1");
            }
            if (momentumUnits <= 0 || volumeFactorUnits <= 0 || reversalUnits <= 0) {
                throw new StrategyParameterException(NAME, momentumUnits <= 0 ? "momentumBps" : volumeFactorUnits <= 0 ? "volumeFactor"
                        : "reversalBps", "strategy '" + NAME + "': momentumBps, volumeFactor and reversalBps must be positive");
            }
        }

        static Config from(final Params p) {
            return new Config(p.integer("window"), p.decimal("momentumBps", LibMath.BPS_SCALE),
                    p.decimal("volumeFactor", LibMath.FACTOR_SCALE), p.integer("holdBars"), p.decimal("reversalBps", LibMath.BPS_SCALE),
                    p.quantity("size"), p.flag("shorts"));
        }

        void check(final Instrument instrument) {
            size.resolve(NAME, instrument);
        }
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private final LongRing closes;
    private final LongRing volumes;
    private StrategyContext ctx;
    private Instrument instrument;
    private long size;
    private long volumeSum;
    private long lastClose;
    /** Entry signal of the latest bar: +1 up surge, −1 down surge, 0 none. */
    private int entrySignal;
    /** +1 long, −1 short, 0 flat (as far as this strategy knows). */
    private int direction;
    private int barsHeld;
    private long extreme;
    private ClientOrderId inFlight;
    private boolean deferred;
    private int entries;
    private int exits;

    /** A strategy trading {@code instrumentId} with these parameters. */
    public PumpDetector(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
        this.closes = new LongRing(config.window());
        this.volumes = new LongRing(config.window());
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
    public void onBar(final Bar bar) {
        if (!bar.instrumentId().equals(instrumentId)) {
            return;
        }
        final long close = bar.close();
        entrySignal = closes.isFull() ? entrySignal(close, bar.volume()) : 0;
        closes.add(close);
        if (volumes.isFull()) {
            volumeSum = Math.subtractExact(volumeSum, volumes.get(0));
        }
        volumes.add(bar.volume());
        volumeSum = Math.addExact(volumeSum, bar.volume());
        lastClose = close;
        if (direction != 0) {
            barsHeld++;
            extreme = direction > 0 ? Math.max(extreme, close) : Math.min(extreme, close);
        }
        decide();
    }

    /** +1, −1 or 0 for a bar closing at {@code close} with {@code volume}, against the window before it. */
    private int entrySignal(final long close, final long volume) {
        // volume ≥ factor × (volumeSum / W)  ⇔  volume × W × FACTOR_ONE ≥ factorUnits × volumeSum
        final boolean surge = volume > 0
                && LibMath.compareProducts(volume, (long) config.window() * LibMath.FACTOR_ONE, config.volumeFactorUnits(), volumeSum) >= 0;
        if (!surge) {
            return 0;
        }
        final long base = closes.get(0); // close_(t−W)
        if (LibMath.compareProducts(close - base, LibMath.BPS_ONE, base, config.momentumUnits()) >= 0) {
            return 1;
        }
        if (LibMath.compareProducts(base - close, LibMath.BPS_ONE, base, config.momentumUnits()) >= 0) {
            return -1;
        }
        return 0;
    }

    private void decide() {
        if (inFlight != null) {
            deferred = true;
            return;
        }
        final long position = ctx.portfolio().positionQty(instrumentId);
        if (direction != 0) {
            if (position == 0) {
                direction = 0; // closed by someone else (risk flatten, liquidation)
                return;
            }
            final boolean held = barsHeld >= config.holdBars();
            final long against = direction > 0 ? extreme - lastClose : lastClose - extreme;
            final boolean reversed = LibMath.compareProducts(against, LibMath.BPS_ONE, extreme, config.reversalUnits()) >= 0;
            if (held || reversed) {
                exits++;
                track(ctx.marketOrder(instrumentId, Side.reducing(position), Math.abs(position)));
            }
            return;
        }
        if (position != 0 || entrySignal == 0 || (entrySignal < 0 && !config.shorts())) {
            return;
        }
        final SubmitResult r = ctx.marketOrder(instrumentId, entrySignal > 0 ? Side.BUY : Side.SELL, size);
        entries++;
        if (r.passed()) {
            inFlight = r.clientOrderId();
            direction = entrySignal;
            barsHeld = 0;
            extreme = lastClose;
        }
    }

    private void track(final SubmitResult r) {
        if (r.passed()) {
            inFlight = r.clientOrderId();
        }
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        if (inFlight == null || !event.clientOrderId().equals(inFlight) || !Orders.isTerminal(event)) {
            return;
        }
        inFlight = null;
        if (ctx.portfolio().positionQty(instrumentId) == 0) {
            direction = 0; // an entry that did not fill, or an exit that closed everything
        }
        if (deferred) {
            deferred = false;
            decide();
        }
    }

    /** Entry orders submitted so far (passed or denied). */
    public int entries() {
        return entries;
    }

    /** Exit orders submitted so far (passed or denied). */
    public int exits() {
        return exits;
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        return StateText.write(STATE_FORMAT)
                .put("closes", closes.toArray())
                .put("volumes", volumes.toArray())
                .put("lastClose", lastClose)
                .put("entrySignal", entrySignal)
                .put("direction", direction)
                .put("barsHeld", barsHeld)
                .put("extreme", extreme)
                .put("inFlight", Orders.text(inFlight))
                .put("deferred", deferred)
                .put("entries", entries)
                .put("exits", exits)
                .toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        bind(context);
        final StateText s = StateText.read(STATE_FORMAT, state);
        closes.clear();
        volumes.clear();
        volumeSum = 0;
        for (final long c : s.getLongs("closes")) {
            closes.add(c);
        }
        for (final long v : s.getLongs("volumes")) {
            volumes.add(v);
            volumeSum = Math.addExact(volumeSum, v);
        }
        lastClose = s.getLong("lastClose");
        entrySignal = s.getInt("entrySignal");
        direction = s.getInt("direction");
        barsHeld = s.getInt("barsHeld");
        extreme = s.getLong("extreme");
        inFlight = Orders.id(s.getString("inFlight"));
        deferred = s.getBoolean("deferred");
        entries = s.getInt("entries");
        exits = s.getInt("exits");
    }
}
