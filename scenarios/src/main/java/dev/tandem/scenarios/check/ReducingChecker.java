package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TradingState;

/**
 * REDUCING never increases |position|: every new order reaching the venue while the kernel is REDUCING reduces the
 * position and cannot flip it, even if the other open orders on its side fill first (the risk engine's own
 * reduce-only flattening only has to reduce now).
 */
public final class ReducingChecker extends AbstractChecker {

    /** A fresh checker. */
    public ReducingChecker() {
        super("reducing");
    }

    @Override
    public void onCommand(final Command command, final CheckContext ctx) {
        if (!(command instanceof SubmitOrder s) || s.attempt() != 1 || ctx.tradingState() != TradingState.REDUCING) {
            return;
        }
        final long position = ctx.positionQty(s.instrumentId());
        final boolean ok = s.strategyId().equals(StrategyId.RISK) && s.reduceOnly()
                ? Exposure.reducesNow(s.side(), s.qty(), position)
                : Exposure.reducing(ctx, s.instrumentId(), s.side(), s.qty(), s.clientOrderId());
        if (!ok) {
            violation(ctx.nowNanos(), "order " + s.clientOrderId() + " (" + s.side() + " " + s.qty() + ") may increase |position| "
                    + position + " of " + s.instrumentId().symbol() + " while REDUCING (other open " + s.side() + " leaves "
                    + ctx.openLeaves(s.instrumentId(), s.side(), s.clientOrderId()) + ")");
        }
    }
}
