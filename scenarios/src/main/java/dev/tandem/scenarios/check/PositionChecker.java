package dev.tandem.scenarios.check;

import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import java.util.TreeMap;

/**
 * Each position is the signed sum of the fills the kernel published ({@code OrderFilled}, late ones included) plus
 * the holding it started with (spot: the account's base balance) plus what reconciliation adopted from the venue (a
 * position {@code DriftDetected}, or for spot a balance drift of the base asset: the venue's value replaces ours, and
 * our value at that moment must be the sum so far), equals the last {@code PositionChanged}, at every sampling step
 * and at the end; and the exact cash/fee/PnL identities hold at the end ({@code Kernel.checkInvariants()}, plus the
 * venue's conservation with the margin ledger).
 */
public final class PositionChecker extends AbstractChecker {
    private final TreeMap<InstrumentId, Long> expected = new TreeMap<>();
    private final TreeMap<InstrumentId, Long> lastChanged = new TreeMap<>();

    /** A fresh checker. */
    public PositionChecker() {
        super("position");
    }

    private boolean started;

    /**
     * The positions before any fill: spot holdings start at the account's base balance. Taken at the first call, which
     * is the kernel's first event (it starts before any market data, so before any fill).
     */
    private void start(final CheckContext ctx) {
        if (!started) {
            started = true;
            for (final Instrument i : ctx.instruments()) {
                expected.put(i.id(), ctx.positionQty(i.id()));
                lastChanged.put(i.id(), ctx.positionQty(i.id()));
            }
        }
    }

    @Override
    public void onEvent(final KernelEvent event, final CheckContext ctx) {
        start(ctx);
        if (event instanceof OrderFilled f) {
            expected.merge(f.instrumentId(), Math.multiplyExact(f.side().sign(), f.lastQty()), Math::addExact);
        } else if (event instanceof PositionChanged p) {
            lastChanged.put(p.instrumentId(), p.signedQty());
        } else if (event instanceof DriftDetected d && d.clientOrderId() == null && d.asset() == null && d.instrumentId() != null) {
            final long mine = expected.getOrDefault(d.instrumentId(), 0L);
            if (d.localValue() != mine) {
                violation(d.tsInitNanos(), "reconciliation found our " + d.instrumentId().symbol() + " position at "
                        + d.localValue() + " but our fills add up to " + mine + " (" + d.kind() + ")");
            }
            expected.put(d.instrumentId(), d.venueValue());
        } else if (event instanceof DriftDetected d && d.asset() != null) {
            // a spot holding is its base asset's balance: an adopted balance is an adopted position
            for (final Instrument i : ctx.instruments()) {
                if (!i.isPerpetual() && i.id().venue().equals(d.venue()) && i.baseAsset().equals(d.asset())) {
                    final long mine = expected.getOrDefault(i.id(), 0L);
                    final long local = holding(i, d.localValue());
                    if (local != mine) {
                        violation(d.tsInitNanos(), "reconciliation found our " + d.asset() + " balance at " + i.formatQty(local)
                                + " but our fills add up to " + i.formatQty(mine) + " (" + d.kind() + ")");
                    }
                    expected.put(i.id(), holding(i, d.venueValue()));
                }
            }
        }
    }

    /** A base-asset balance (money scale) as the spot instrument's holding, as {@code Portfolio.positionQty} does. */
    private static long holding(final Instrument i, final long balanceMoney) {
        return Fixed.rescale(balanceMoney, Fixed.MONEY_SCALE, i.qtyScale(), java.math.RoundingMode.DOWN);
    }

    @Override
    public void onStep(final CheckContext ctx) {
        start(ctx);
        compare(ctx);
    }

    @Override
    public void onFinish(final CheckContext ctx) {
        start(ctx);
        compare(ctx);
        for (final String v : ctx.accountingViolations()) {
            violation(ctx.nowNanos(), "accounting: " + v);
        }
    }

    private void compare(final CheckContext ctx) {
        for (final Instrument i : ctx.instruments()) {
            final long pos = ctx.positionQty(i.id());
            final long sum = expected.getOrDefault(i.id(), 0L);
            if (pos != sum) {
                violation(ctx.nowNanos(), i.id().symbol() + " position is " + i.formatQty(pos) + " but fills and adoptions add up to "
                        + i.formatQty(sum));
                expected.put(i.id(), pos); // report a difference once, not at every later step
            }
            final long last = lastChanged.getOrDefault(i.id(), 0L);
            if (pos != last) {
                violation(ctx.nowNanos(), i.id().symbol() + " position is " + i.formatQty(pos) + " but the last PositionChanged said "
                        + i.formatQty(last));
                lastChanged.put(i.id(), pos);
            }
        }
    }
}
