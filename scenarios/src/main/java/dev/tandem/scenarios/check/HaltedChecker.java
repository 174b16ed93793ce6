package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TradingState;

/**
 * Nothing new reaches the venue while trading is HALTED: no first attempt of a strategy's order is sent while the
 * kernel is HALTED. The risk engine's own reduce-only flattening (strategy {@code risk}) is the documented exception;
 * retries of an order sent before the halt are not new.
 */
public final class HaltedChecker extends AbstractChecker {

    /** A fresh checker. */
    public HaltedChecker() {
        super("halted");
    }

    @Override
    public void onCommand(final Command command, final CheckContext ctx) {
        if (command instanceof SubmitOrder s && s.attempt() == 1 && ctx.tradingState() == TradingState.HALTED
                && !(s.strategyId().equals(StrategyId.RISK) && s.reduceOnly())) {
            violation(ctx.nowNanos(), "order " + s.clientOrderId() + " of " + s.strategyId() + " (" + s.side() + " " + s.qty() + " "
                    + s.instrumentId().symbol() + ") reached the venue while trading was HALTED");
        }
    }
}
