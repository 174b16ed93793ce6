package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import java.util.List;

/**
 * {@code cancel-replace-storm} (chaos): keeps one passive limit order and changes it at a high rate, as a badly tuned
 * quoting loop would. Scenarios use it to exercise the order manager's request budget (token bucket), the venue's
 * rate limits and the cancel/amend paths.
 *
 * <p>Timing as {@link RogueLoop}: beats start {@code startDelayMs} after the first market data, exactly
 * {@code ratePerSecond} per second, for {@code durationMs} (0 = no end). At each beat the target price is the reference
 * price moved {@code offsetBps} to the passive side (below for a BUY, above for a SELL) on the tick grid, one tick
 * further away on odd beats, so that every beat is a real change. Then:
 * <ul>
 *   <li>no open order of this strategy: place a GTC LIMIT of {@code size} at the target;</li>
 *   <li>{@code mode = AMEND}: amend it to the target price (the order manager refuses while a previous amend is in
 *       flight or the order is not yet acknowledged; refusals are counted, not retried);</li>
 *   <li>{@code mode = CANCEL_REPLACE}: cancel it and at once place a new one at the target, without waiting for the
 *       cancel to be confirmed.</li>
 * </ul>
 * A beat without a reference price is skipped. A DISABLED strategy receives no timer callbacks, so the storm ends there.
 */
public final class CancelReplaceStorm extends ChaosStrategy {
    /** The name in the library. */
    public static final String NAME = "cancel-replace-storm";
    private static final String STATE_FORMAT = NAME + "/1";
    private static final String TIMER = "beat";

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Chaos: keeps one passive limit order and amends it (or cancels and replaces it) ratePerSecond times a second.",
            false,
            List.of(
                    ParamSpec.integer("ratePerSecond", 100, 1, 1_000_000, "changes per second"),
                    ParamSpec.choice("mode", "AMEND", List.of("AMEND", "CANCEL_REPLACE"), "amend in place, or cancel and place a new order"),
                    ParamSpec.choice("side", "BUY", List.of("BUY", "SELL"), "side of the order"),
                    ParamSpec.quantity("size", "min", "quantity of the order"),
                    ParamSpec.decimal("offsetBps", "50", "0", "10000", "distance from the reference price, passive side, basis points"),
                    ParamSpec.integer("durationMs", 0, 0, Integer.MAX_VALUE, "how long the storm lasts (0 = until stopped)"),
                    ParamSpec.integer("startDelayMs", 0, 0, Integer.MAX_VALUE, "delay after the first market data")));

    /**
     * Validated parameters.
     *
     * @param ratePerSecond changes per second
     * @param mode          AMEND or CANCEL_REPLACE
     * @param side          BUY or SELL
     * @param size          order quantity
     * @param offsetUnits   distance from the reference, basis-point units
     * @param durationMs    storm length, 0 = no end
     * @param startDelayMs  delay after the first market data
     */
    public record Config(int ratePerSecond, String mode, String side, QtyParam size, long offsetUnits, int durationMs, int startDelayMs) {
        public Config {
            if (ratePerSecond < 1 || ratePerSecond > 1_000_000) {
                throw new StrategyParameterException(NAME, "ratePerSecond",
                        "strategy '" + NAME + "' parameter 'ratePerSecond': must be integer 1..1000000, got '" + ratePerSecond + "'");
            }
            if (offsetUnits < 0 || durationMs < 0 || startDelayMs < 0) {
                throw new StrategyParameterException(NAME, offsetUnits < 0 ? "offsetBps" : durationMs < 0 ? "durationMs" : "startDelayMs",
                        "strategy '" + NAME + "': offsetBps, durationMs and startDelayMs must not be negative");
            }
            if (!List.of("AMEND", "CANCEL_REPLACE").contains(mode) || !List.of("BUY", "SELL").contains(side)) {
                throw new StrategyParameterException(NAME, "mode", "strategy '" + NAME + "': mode must be AMEND or CANCEL_REPLACE and "
                        + "side BUY or SELL");
            }
        }

        static Config from(final Params p) {
            return new Config(p.integer("ratePerSecond"), p.choice("mode"), p.choice("side"), p.quantity("size"),
                    p.decimal("offsetBps", LibMath.BPS_SCALE), p.integer("durationMs"), p.integer("startDelayMs"));
        }

        void check(final Instrument instrument) {
            size.resolve(NAME, instrument);
        }
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private final Pacer pacer;
    private final Side side;
    private StrategyContext ctx;
    private Instrument instrument;
    private long size;
    private ClientOrderId current;
    private long placements;
    private long amends;
    private long amendsRefused;
    private long cancels;
    private long denied;
    private long skipped;

    /** A storm on {@code instrumentId} with these parameters. */
    public CancelReplaceStorm(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
        this.pacer = new Pacer(config.ratePerSecond(), LibMath.millis(config.durationMs()));
        this.side = Side.valueOf(config.side());
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
    public void onOrderEvent(final OrderEvent event) {
        if (current != null && event.clientOrderId().equals(current) && Orders.isTerminal(event)) {
            current = null;
        }
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (!timer.name().equals(TIMER)) {
            return;
        }
        beat(pacer.beats());
        final long next = pacer.beat();
        if (next >= 0) {
            ctx.setTimer(TIMER, next);
        }
    }

    private void beat(final long k) {
        final long reference = ctx.market().referencePrice(instrumentId);
        if (reference <= 0) {
            skipped++;
            return;
        }
        final long base = ChaosSupport.passivePrice(instrument, side, reference, config.offsetUnits());
        final long away = k % 2 == 0 ? 0 : instrument.tickSize();
        final long target = Math.max(instrument.tickSize(), side == Side.BUY ? base - away : base + away);
        if (current == null) {
            place(target);
        } else if (config.mode().equals("AMEND")) {
            if (ctx.amend(current, target, size) == ReasonCode.NONE) {
                amends++;
            } else {
                amendsRefused++;
            }
        } else {
            if (ctx.cancel(current) == ReasonCode.NONE) {
                cancels++;
            }
            current = null;
            place(target);
        }
    }

    private void place(final long price) {
        final SubmitResult r = ctx.limitOrder(instrumentId, side, price, size);
        placements++;
        if (r.passed()) {
            current = r.clientOrderId();
        } else {
            denied++;
        }
    }

    /** Beats so far. */
    public long beats() {
        return pacer.beats();
    }

    /** Orders submitted (passed or denied). */
    public long placements() {
        return placements;
    }

    /** Amends sent to the order manager. */
    public long amends() {
        return amends;
    }

    /** Amends the order manager refused at once. */
    public long amendsRefused() {
        return amendsRefused;
    }

    /** Cancels requested. */
    public long cancels() {
        return cancels;
    }

    /** Placements the risk engine denied. */
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
        final StateText s = StateText.write(STATE_FORMAT)
                .put("current", Orders.text(current))
                .put("placements", placements)
                .put("amends", amends)
                .put("amendsRefused", amendsRefused)
                .put("cancels", cancels)
                .put("denied", denied)
                .put("skipped", skipped);
        pacer.save(s);
        return s.toString();
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        bind(context);
        final StateText s = StateText.read(STATE_FORMAT, state);
        current = Orders.id(s.getString("current"));
        placements = s.getLong("placements");
        amends = s.getLong("amends");
        amendsRefused = s.getLong("amendsRefused");
        cancels = s.getLong("cancels");
        denied = s.getLong("denied");
        skipped = s.getLong("skipped");
        pacer.restore(s);
    }
}
