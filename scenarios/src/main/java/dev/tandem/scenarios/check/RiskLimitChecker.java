package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * No order that reached the venue breaks a risk limit: when the first attempt of an order leaves the kernel (right
 * after its risk check, or the re-check of a queued order), every pre-trade limit is recomputed independently, in
 * exact decimals, from the kernel's state at that moment: the venue filters (lot, minimum and maximum quantity, tick,
 * minimum notional), reduce-only really reduces, the strategy is RUNNING, order notional, price band around the mark,
 * expected market-order slippage against the kernel's book, projected position and total notional, open positions,
 * concentration and leverage. The risk engine's own reduce-only flattening (strategy {@code risk}) only has to pass
 * the filters and reduce. Named simplification: the spot free-balance check and the margin-ratio triggers are not
 * recomputed (the accounting checks cover balances).
 */
public final class RiskLimitChecker extends AbstractChecker {

    /** A fresh checker. */
    public RiskLimitChecker() {
        super("risk-limits");
    }

    @Override
    public void onCommand(final Command command, final CheckContext ctx) {
        if (command instanceof SubmitOrder s && s.attempt() == 1) {
            for (final String v : violations(ctx, s)) {
                violation(ctx.nowNanos(), "order " + s.clientOrderId() + " of " + s.strategyId() + " (" + s.side() + " "
                        + s.type() + " " + s.qty() + (s.price() != 0 ? " @ " + s.price() : "") + ") reached the venue: " + v);
            }
        }
    }

    /** Every limit the order breaks in the kernel's current state (empty when it may go). */
    static List<String> violations(final CheckContext ctx, final SubmitOrder s) {
        final List<String> v = new ArrayList<>();
        final RiskLimits limits = ctx.limits();
        final InstrumentId iid = s.instrumentId();
        final Instrument inst = ctx.instrument(iid);
        final long qty = s.qty();
        final long price = s.price();
        final long trigger = s.triggerPrice();
        final OrderType type = s.type();
        final Side side = s.side();
        final long pos = ctx.positionQty(iid);
        final boolean riskFlatten = s.strategyId().equals(StrategyId.RISK) && s.reduceOnly();
        if (s.strategyId().equals(StrategyId.RISK) && !s.reduceOnly()) {
            v.add("an order of strategy risk that is not reduce-only");
        }
        if (qty < inst.minQty() || qty > inst.maxQty() || qty % inst.lotSize() != 0) {
            v.add("quantity " + qty + " breaks the lot/min/max filter");
        }
        if (type.hasLimitPrice() ? price <= 0 || price % inst.tickSize() != 0 : price != 0) {
            v.add("price " + price + " is not valid for " + type);
        }
        if (type.hasTriggerPrice() ? trigger <= 0 || trigger % inst.tickSize() != 0 : trigger != 0) {
            v.add("trigger " + trigger + " is not valid for " + type);
        }
        final long ref = switch (type) {
            case LIMIT, STOP_LIMIT -> price;
            case STOP_MARKET -> trigger;
            case MARKET -> ctx.referencePrice(iid);
        };
        if (inst.minNotionalMoney() > 0 && ref > 0 && notional(inst, ref, qty).compareTo(money(inst.minNotionalMoney())) < 0) {
            v.add("notional below the venue's minimum " + Fixed.formatMoney(inst.minNotionalMoney()));
        }
        if (s.reduceOnly() && !Exposure.reducesNow(side, qty, pos)) {
            v.add("reduce-only " + side + " " + qty + " does not reduce position " + pos);
        }
        if (riskFlatten) {
            return v;
        }
        final StrategyState ss = ctx.strategyState(s.strategyId());
        if (ss != StrategyState.RUNNING) {
            v.add("strategy " + s.strategyId() + " is " + ss);
        }
        if (ref <= 0) {
            v.add("no reference price");
            return v;
        }
        final BigDecimal orderNotional = notional(inst, ref, qty);
        if (limits.orderNotionalMoneyMax() > 0 && orderNotional.compareTo(money(limits.orderNotionalMoneyMax())) > 0) {
            v.add("order notional " + orderNotional.stripTrailingZeros().toPlainString() + " above the limit "
                    + Fixed.formatMoney(limits.orderNotionalMoneyMax()));
        }
        if (limits.priceBandRate() > 0 && type.hasLimitPrice()) {
            final long mark = ctx.markPrice(iid) > 0 ? ctx.markPrice(iid) : ctx.referencePrice(iid);
            if (mark > 0) {
                final BigDecimal distance = BigDecimal.valueOf(Math.abs(price - mark));
                if (distance.compareTo(BigDecimal.valueOf(mark).multiply(rate(limits.priceBandRate()))) > 0) {
                    v.add("limit " + price + " outside the price band around " + mark);
                }
            }
        }
        if (limits.slippageRateMax() > 0 && type == OrderType.MARKET) {
            final BookSnapshot book = ctx.book(iid);
            if (book != null) {
                final List<BookLevel> levels = side == Side.BUY ? book.asks() : book.bids();
                if (levels.isEmpty()) {
                    v.add("market order against an empty book side");
                } else {
                    final long touch = levels.get(0).price();
                    long left = qty;
                    BigDecimal impact = BigDecimal.ZERO;
                    for (final BookLevel l : levels) {
                        final long take = Math.min(left, Math.max(0, l.qty()));
                        impact = impact.add(BigDecimal.valueOf(Math.abs(l.price() - touch)).multiply(BigDecimal.valueOf(take)));
                        left -= take;
                    }
                    final BigDecimal allowed = BigDecimal.valueOf(touch).multiply(BigDecimal.valueOf(qty))
                            .multiply(rate(limits.slippageRateMax()));
                    if (left > 0 || impact.compareTo(allowed) > 0) {
                        v.add("expected slippage beyond the limit (unfilled " + left + ", impact " + impact + " > " + allowed + ")");
                    }
                }
            }
        }
        if (!Exposure.reducing(ctx, iid, side, qty, s.clientOrderId())) {
            final long others = ctx.openLeaves(iid, side, s.clientOrderId());
            final long projectedQty = pos + side.sign() * (others + qty);
            final long valuation = Math.max(ref, ctx.referencePrice(iid));
            final BigDecimal projected = notional(inst, valuation, Math.abs(projectedQty));
            final BigDecimal total = money(ctx.totalPositionNotionalMoney() - ctx.positionNotionalMoney(iid)).add(projected);
            final BigDecimal equity = money(ctx.equityMoney());
            if (limits.positionNotionalMoneyMax() > 0 && projected.compareTo(money(limits.positionNotionalMoneyMax())) > 0) {
                v.add("projected position notional " + plain(projected) + " above the limit "
                        + Fixed.formatMoney(limits.positionNotionalMoneyMax()));
            }
            if (limits.totalNotionalMoneyMax() > 0 && total.compareTo(money(limits.totalNotionalMoneyMax())) > 0) {
                v.add("projected total notional " + plain(total) + " above the limit " + Fixed.formatMoney(limits.totalNotionalMoneyMax()));
            }
            if (limits.openPositionsMax() > 0 && pos == 0) {
                int open = 1;
                for (final Instrument i : ctx.instruments()) {
                    if (!i.id().equals(iid) && (ctx.positionQty(i.id()) != 0
                            || ctx.openLeaves(i.id(), Side.BUY, s.clientOrderId()) > 0
                            || ctx.openLeaves(i.id(), Side.SELL, s.clientOrderId()) > 0)) {
                        open++;
                    }
                }
                if (open > limits.openPositionsMax()) {
                    v.add("it would be open position #" + open + ", above the limit " + limits.openPositionsMax());
                }
            }
            if (limits.concentrationRateMax() > 0 && projected.compareTo(equity.multiply(rate(limits.concentrationRateMax()))) > 0) {
                v.add("concentration: projected " + plain(projected) + " above equity " + plain(equity) + " x "
                        + plain(rate(limits.concentrationRateMax())));
            }
            if (limits.leverageRateMax() > 0 && total.compareTo(equity.multiply(rate(limits.leverageRateMax()))) > 0) {
                v.add("leverage: projected total " + plain(total) + " above equity " + plain(equity) + " x "
                        + plain(rate(limits.leverageRateMax())));
            }
        }
        return v;
    }

    private static String plain(final BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal notional(final Instrument inst, final long price, final long qty) {
        return BigDecimal.valueOf(price, inst.priceScale()).multiply(BigDecimal.valueOf(qty, inst.qtyScale()));
    }

    private static BigDecimal money(final long m) {
        return BigDecimal.valueOf(m, Fixed.MONEY_SCALE);
    }

    private static BigDecimal rate(final long r) {
        return BigDecimal.valueOf(r, Fixed.RATE_SCALE);
    }
}
