package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import java.util.List;

/**
 * {@code rogue-loop} (chaos): a strategy gone wrong that fires order intents from a timer at a fixed rate, by default
 * 1 000 per second, without looking at what happens to them. It exists so scenarios can check that the kernel
 * contains it: the per-strategy order-rate limit denies the excess ({@code RISK_ORDER_RATE_STRATEGY}), sustained
 * denials disable the strategy ({@code ORDER_RATE_ABUSE}), and nothing beyond the limits reaches the venue.
 *
 * <p>Timing: firing starts {@code startDelayMs} after the first market data of its instrument (a limit price needs
 * a reference). Beat {@code k} is due at {@code start + floor(k × 1 s / ratePerSecond)}, so every second holds exactly
 * {@code ratePerSecond} intents; with {@code durationMs > 0} it stops after that long. Each beat submits one intent of
 * {@code size}: a LIMIT {@code offsetBps} away from the reference price on the passive side (GTC, so unfilled ones
 * rest), or a MARKET order; side BUY, SELL, or ALTERNATE (BUY on even beats). A beat with no reference price for a
 * LIMIT is skipped (counted). A DISABLED strategy receives no timer callbacks, so the loop ends there for good.
 */
public final class RogueLoop extends ChaosStrategy {
    /** The name in the library. */
    public static final String NAME = "rogue-loop";
    private static final String STATE_FORMAT = NAME + "/1";
    private static final String TIMER = "fire";

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Chaos: fires order intents from a timer at ratePerSecond (default 1000/s), ignoring denials, to exercise the "
                    + "kernel's order-rate limits and rate-abuse disabling.",
            false,
            List.of(
                    ParamSpec.integer("ratePerSecond", 1000, 1, 1_000_000, "order intents per second"),
                    ParamSpec.integer("durationMs", 0, 0, Integer.MAX_VALUE, "how long to fire (0 = until stopped)"),
                    ParamSpec.integer("startDelayMs", 0, 0, Integer.MAX_VALUE, "delay after the first market data"),
                    ParamSpec.choice("side", "ALTERNATE", List.of("BUY", "SELL", "ALTERNATE"), "side of each intent"),
                    ParamSpec.choice("orderType", "LIMIT", List.of("LIMIT", "MARKET"), "order type of each intent"),
                    ParamSpec.quantity("size", "min", "quantity of each intent"),
                    ParamSpec.decimal("offsetBps", "100", "0", "10000", "LIMIT price distance from the reference, passive side, basis points")));

    /**
     * Validated parameters.
     *
     * @param ratePerSecond intents per second
     * @param durationMs    firing time, 0 = no end
     * @param startDelayMs  delay after the first market data
     * @param side          BUY, SELL or ALTERNATE
     * @param orderType     LIMIT or MARKET
     * @param size          quantity per intent
     * @param offsetUnits   limit offset, basis-point units
     */
    public record Config(int ratePerSecond, int durationMs, int startDelayMs, String side, String orderType, QtyParam size, long offsetUnits) {
        public Config {
            if (ratePerSecond < 1 || ratePerSecond > 1_000_000) {
                throw new StrategyParameterException(NAME, "ratePerSecond",
                        "strategy '" + NAME + "' parameter 'ratePerSecond': must be integer 1..1000000, got '" + ratePerSecond + "'");
            }
            if (durationMs < 0 || startDelayMs < 0 || offsetUnits < 0) {
                throw new StrategyParameterException(NAME, durationMs < 0 ? "durationMs" : startDelayMs < 0 ? "startDelayMs" : "offsetBps",
                        "strategy '" + NAME + "': durationMs, startDelayMs and offsetBps must not be negative");
            }
            if (!List.of("BUY", "SELL", "ALTERNATE").contains(side) || !List.of("LIMIT", "MARKET").contains(orderType)) {
                throw new StrategyParameterException(NAME, "side", "strategy '" + NAME + "': side must be BUY, SELL or ALTERNATE and "
                        + "orderType LIMIT or MARKET");
            }
        }

        static Config from(final Params p) {
            return new Config(p.integer("ratePerSecond"), p.integer("durationMs"), p.integer("startDelayMs"), p.choice("side"),
                    p.choice("orderType"), p.quantity("size"), p.decimal("offsetBps", LibMath.BPS_SCALE));
        }

        void check(final Instrument instrument) {
            size.resolve(NAME, instrument);
        }
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private final Pacer pacer;
    private StrategyContext ctx;
    private Instrument instrument;
    private long size;
    private long passed;
    private long denied;
    private long skipped;

    /** A rogue loop on {@code instrumentId} with these parameters. */
    public RogueLoop(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
        this.pacer = new Pacer(config.ratePerSecond(), LibMath.millis(config.durationMs()));
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
        if (!pacer.started()) {
            pacer.start(ctx.nowNanos() + LibMath.millis(config.startDelayMs()));
            ctx.setTimer(TIMER, pacer.nextDeadline());
        }
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (!timer.name().equals(TIMER)) {
            return;
        }
        fire(pacer.beats());
        final long next = pacer.beat();
        if (next >= 0) {
            ctx.setTimer(TIMER, next);
        }
    }

    private void fire(final long beat) {
        final Side side = switch (config.side()) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> beat % 2 == 0 ? Side.BUY : Side.SELL;
        };
        final SubmitResult r;
        if (config.orderType().equals("MARKET")) {
            r = ctx.marketOrder(instrumentId, side, size);
        } else {
            final long reference = ctx.market().referencePrice(instrumentId);
            if (reference <= 0) {
                skipped++;
                return;
            }
            r = ctx.limitOrder(instrumentId, side, ChaosSupport.passivePrice(instrument, side, reference, config.offsetUnits()), size);
        }
        if (r.passed()) {
            passed++;
        } else {
            denied++;
        }
    }

    /** Timer beats so far (each one an intent, or a skip). */
    public long beats() {
        return pacer.beats();
    }

    /** Intents that passed the risk engine. */
    public long passed() {
        return passed;
    }

    /** Intents the risk engine denied. */
    public long denied() {
        return denied;
    }

    /** Beats skipped for want of a reference price. */
    public long skipped() {
        return skipped;
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        final StateText s = StateText.write(STATE_FORMAT).put("passed", passed).put("denied", denied).put("skipped", skipped);
        pacer.save(s);
        return s.toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        bind(context);
        final StateText s = StateText.read(STATE_FORMAT, state);
        passed = s.getLong("passed");
        denied = s.getLong("denied");
        skipped = s.getLong("skipped");
        pacer.restore(s);
    }
}
