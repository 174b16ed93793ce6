package dev.tandem.kernel.risk;

import static dev.tandem.kernel.risk.RiskHarness.BTC;
import static dev.tandem.kernel.risk.RiskHarness.BTC_OTHER;
import static dev.tandem.kernel.risk.RiskHarness.ETH;
import static dev.tandem.kernel.risk.RiskHarness.S1;
import static dev.tandem.kernel.risk.RiskHarness.S2;
import static dev.tandem.kernel.risk.RiskHarness.SECOND;
import static dev.tandem.kernel.risk.RiskHarness.SOL;
import static dev.tandem.kernel.risk.RiskHarness.SPOT;
import static dev.tandem.kernel.risk.RiskHarness.limit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.random.RandomSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties of the risk engine over seeded random limits, portfolios, markets and intents. Each
 * passed intent is re-checked against every limit by an independent oracle in exact decimal arithmetic
 * ({@link BigDecimal}, no shared code with the engine). A failure names its seed; rerun it with
 * {@code RandomSource.seeded(seed)} in the same property.
 */
class RiskProperties {
    /** At least 300 seeds; {@code -Dtandem.tries=N} raises it for a soak. */
    private static final int TRIES = Math.max(300, Integer.getInteger("tandem.tries", 300));
    private static final List<Instrument> INSTRUMENTS = List.of(BTC, ETH, SPOT, BTC_OTHER, SOL);
    private static final StrategyId UNKNOWN = new StrategyId("S9");

    @FunctionalInterface
    private interface Body {
        void run(long seed, RandomSource r);
    }

    private static void forSeeds(final String property, final Body body) {
        for (int i = 0; i < TRIES; i++) {
            final long seed = 0x5EED_0000L + i;
            try {
                body.run(seed, RandomSource.seeded(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed for seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------ generators

    private static long between(final RandomSource r, final long lo, final long hi) {
        return r.nextLong(lo, hi);
    }

    /** Random limits; in a sparse draw fewer checks are on, so intents reach the later checks' boundaries too. */
    private static RiskLimits randomLimits(final RandomSource r) {
        final double density = r.nextBoolean(0.4) ? 0.25 : 0.7;
        final RandomSource on = r.child("on");
        final RiskLimits.Builder b = RiskLimits.unlimited().toBuilder();
        final long m = Fixed.MONEY_ONE;
        final long one = Fixed.RATE_ONE;
        if (on.nextBoolean(density)) {
            b.orderNotionalMoneyMax(between(r, 50, 5_000) * m);
        }
        if (on.nextBoolean(density)) {
            b.positionNotionalMoneyMax(between(r, 500, 30_000) * m);
        }
        if (on.nextBoolean(density)) {
            b.totalNotionalMoneyMax(between(r, 2_000, 100_000) * m);
        }
        if (on.nextBoolean(density)) {
            b.openPositionsMax((int) between(r, 1, 5));
        }
        if (on.nextBoolean(density)) {
            b.concentrationRateMax(between(r, one / 20, 3 * one));
        }
        if (on.nextBoolean(density)) {
            b.leverageRateMax(between(r, one / 2, 20 * one));
        }
        if (on.nextBoolean(density)) {
            b.priceBandRate(between(r, one / 500, one / 8));
        }
        if (on.nextBoolean(density)) {
            b.slippageRateMax(between(r, one / 10_000, one / 100));
        }
        if (on.nextBoolean(density)) {
            b.strategyOrderRate((int) between(r, 1, 20), between(r, SECOND / 10, 2 * SECOND));
        }
        if (on.nextBoolean(density)) {
            b.globalOrderRate((int) between(r, 3, 100), between(r, SECOND, 30 * SECOND));
        }
        b.spotBalanceCheck(r.nextBoolean(0.7));
        return b.build();
    }

    /** Base price of each fixture, scaled. */
    private static long basePrice(final Instrument i) {
        return i == ETH ? i.price("3000") : i == SOL ? i.price("150") : i.price("50000");
    }

    private static long onTick(final Instrument i, final long price) {
        return Math.max(i.tickSize(), price - Math.floorMod(price, i.tickSize()));
    }

    /** A price within ±{@code spreadPermille} ‰ of {@code center}, on the tick. */
    private static long near(final RandomSource r, final Instrument i, final long center, final int spreadPermille) {
        final long span = center * spreadPermille / 1000;
        return onTick(i, center + between(r, -span, span));
    }

    /** Lots worth about {@code money} USDT at {@code price}, at least 1. */
    private static long lotsFor(final Instrument i, final long price, final long money) {
        final long perLot = i.notional(price, i.lotSize());
        return Math.max(1, money * Fixed.MONEY_ONE / Math.max(1, perLot));
    }

    private static final class World {
        final RiskHarness h;
        final RiskLimits limits;
        final TreeMap<InstrumentId, Long> center = new TreeMap<>();

        World(final RiskLimits limits) {
            this.limits = limits;
            this.h = new RiskHarness(limits);
        }
    }

    private static World randomWorld(final RandomSource r, final RiskLimits limits) {
        final World w = new World(limits);
        for (final Instrument i : INSTRUMENTS) {
            final long c = near(r, i, basePrice(i), 100);
            w.center.put(i.id(), c);
            if (r.nextBoolean(0.8)) {
                w.h.market.mark(i.id(), c);
            } else if (r.nextBoolean(0.5)) {
                w.h.market.last(i.id(), near(r, i, c, 5));
            }
            if (r.nextBoolean(0.6)) {
                w.h.market.book(i.id(), randomLevels(r, i, c, Side.SELL), randomLevels(r, i, c, Side.BUY));
            }
            randomizePosition(r, w, i);
        }
        w.h.portfolio.equity(r.nextBoolean(0.05) ? -between(r, 0, 1_000) * Fixed.MONEY_ONE : between(r, 500, 100_000) * Fixed.MONEY_ONE);
        w.h.portfolio.freeBalance("USDT", between(r, 0, 20_000) * Fixed.MONEY_ONE);
        w.h.portfolio.freeBalance("BTC", between(r, 0, 100_000_000));
        w.h.registerAll(S1).registerAll(S2);
        return w;
    }

    /** Bids (side BUY) descending from below the center, asks (side SELL) ascending from above it. */
    private static List<BookLevel> randomLevels(final RandomSource r, final Instrument i, final long center, final Side side) {
        // coarse books (few big levels far apart) or fine ones (many small levels a few ticks apart, where the
        // expected slippage grows almost continuously with the quantity)
        final boolean fine = r.nextBoolean(0.5);
        final List<BookLevel> levels = new ArrayList<>();
        final int n = (int) between(r, 0, fine ? 40 : 5);
        final long maxStepTicks = fine ? Math.max(2, center / i.tickSize() / 2_000) : Math.max(2, center / i.tickSize() / 200);
        final long maxLots = fine ? Math.max(1, lotsFor(i, center, 300)) : lotsFor(i, center, 3_000);
        long price = onTick(i, center + (side == Side.SELL ? 1 : -1) * between(r, 0, 5) * i.tickSize());
        for (int k = 0; k < n; k++) {
            if (price <= 0) {
                break;
            }
            levels.add(new BookLevel(price, between(r, 1, maxLots) * i.lotSize()));
            price += (side == Side.SELL ? 1 : -1) * between(r, 1, maxStepTicks) * i.tickSize();
        }
        return levels;
    }

    private static void randomizePosition(final RandomSource r, final World w, final Instrument i) {
        final long c = w.center.get(i.id());
        final long maxLots = lotsFor(i, c, 15_000);
        final long qty = r.nextBoolean(0.5) ? between(r, -maxLots, maxLots) * i.lotSize() : 0;
        final long q = i.kind() == InstrumentKind.SPOT ? Math.abs(qty) : qty;
        w.h.portfolio.position(i.id(), q, i.notional(c, Math.abs(q)));
        for (final Side s : Side.values()) {
            w.h.orders.leaves(i.id(), s, r.nextBoolean(0.3) ? between(r, 1, maxLots / 2 + 1) * i.lotSize() : 0);
        }
    }

    /** A limit price within a few ticks of the price band's edge on the side that could breach it. */
    private static long bandEdge(final RandomSource r, final World w, final Instrument i, final Side side) {
        final long mark = w.h.market.markPrice(i.id()) > 0 ? w.h.market.markPrice(i.id()) : w.h.market.referencePrice(i.id());
        final long band = w.limits.priceBandRate();
        if (mark <= 0 || band <= 0) {
            return near(r, i, w.center.get(i.id()), 80);
        }
        final long distance = BigDecimal.valueOf(mark).multiply(BigDecimal.valueOf(band, Fixed.RATE_SCALE)).longValue();
        final long edge = mark + (r.nextBoolean(0.5) ? distance : -distance);
        return onTick(i, edge - Math.floorMod(edge, i.tickSize()) + between(r, -2, 2) * i.tickSize());
    }

    /**
     * A quantity a few lots around where one of the enabled limits starts to bite (order, position, total
     * notional, concentration, leverage, slippage), so the properties probe the boundaries and not just the
     * comfortable middle.
     */
    private static long boundaryQty(final RandomSource r, final World w, final Instrument i, final Side side, final long price,
            final OrderType type) {
        final RiskLimits l = w.limits;
        final FixedPortfolio p = w.h.portfolio;
        final long val = Math.max(price, w.h.market.referencePrice(i.id()));
        final long perLot = Math.max(1, i.notional(val, i.lotSize()));
        final long exposureQty = p.positionQty(i.id()) + side.sign() * w.h.orders.openLeavesQty(i.id(), side);
        final long exposure = Long.signum(exposureQty) == -side.sign() ? 0 : i.notional(val, Math.abs(exposureQty));
        final long others = p.totalPositionNotionalMoney() - p.positionNotionalMoney(i.id());
        final long equity = p.equityMoney();
        final List<Long> targets = new ArrayList<>();
        if (l.orderNotionalMoneyMax() > 0) {
            targets.add(l.orderNotionalMoneyMax());
        }
        if (l.positionNotionalMoneyMax() > 0) {
            targets.add(l.positionNotionalMoneyMax() - exposure);
        }
        if (l.totalNotionalMoneyMax() > 0) {
            targets.add(l.totalNotionalMoneyMax() - others - exposure);
        }
        if (l.concentrationRateMax() > 0) {
            targets.add(Fixed.applyRate(equity, l.concentrationRateMax(), java.math.RoundingMode.FLOOR) - exposure);
        }
        if (l.leverageRateMax() > 0) {
            targets.add(Fixed.applyRate(equity, l.leverageRateMax(), java.math.RoundingMode.FLOOR) - others - exposure);
        }
        final BookSnapshot book = w.h.market.book(i.id());
        if (l.slippageRateMax() > 0 && type == OrderType.MARKET && book != null) {
            final long lots = slippageBoundaryLots(i, side == Side.BUY ? book.asks() : book.bids(), l.slippageRateMax());
            if (lots > 0) {
                return Math.max(1, lots + between(r, -1, 1)) * i.lotSize();
            }
        }
        if (targets.isEmpty()) {
            return between(r, 1, 20) * i.lotSize();
        }
        final long target = targets.get(r.nextInt(targets.size()));
        return Math.max(1, target / perLot + between(r, -2, 2)) * i.lotSize();
    }

    /** Largest number of lots whose book walk stays within the slippage bound (0 if even one lot does not). */
    private static long slippageBoundaryLots(final Instrument i, final List<BookLevel> levels, final long slippageRate) {
        if (levels.isEmpty()) {
            return 0;
        }
        final BigDecimal touch = BigDecimal.valueOf(levels.get(0).price());
        final BigDecimal perUnit = touch.multiply(BigDecimal.valueOf(slippageRate, Fixed.RATE_SCALE)); // allowed impact per qty unit
        final BigDecimal lot = BigDecimal.valueOf(i.lotSize());
        long taken = 0;
        BigDecimal impact = BigDecimal.ZERO;
        for (final BookLevel lv : levels) {
            final BigDecimal step = BigDecimal.valueOf(lv.price()).subtract(touch).abs();
            final long levelLots = lv.qty() / i.lotSize();
            // k more lots fit while impact + step*k*lot <= perUnit*(taken + k*lot)
            final BigDecimal excess = step.subtract(perUnit).multiply(lot);
            long fit = levelLots;
            if (excess.signum() > 0) {
                final BigDecimal room = perUnit.multiply(BigDecimal.valueOf(taken)).subtract(impact);
                fit = Math.max(0, Math.min(levelLots, room.divide(excess, 0, java.math.RoundingMode.FLOOR).longValue()));
            }
            impact = impact.add(step.multiply(lot).multiply(BigDecimal.valueOf(fit)));
            taken += fit * i.lotSize();
            if (fit < levelLots) {
                break;
            }
        }
        return taken / i.lotSize();
    }

    /** Sets the free balance a spot intent needs to within a few units either side of the requirement. */
    private static void nearRequiredBalance(final RandomSource r, final World w, final OrderIntent in) {
        final long ref = in.type().hasLimitPrice() ? in.price() : in.type() == OrderType.STOP_MARKET ? in.triggerPrice()
                : w.h.market.referencePrice(SPOT.id());
        if (in.side() == Side.BUY) {
            final long notional = Fixed.notional(Math.max(ref, 0), SPOT.priceScale(), Math.max(in.qty(), 0), SPOT.qtyScale(), java.math.RoundingMode.UP);
            final long fee = Fixed.applyRate(notional, SPOT.takerFeeRate(), java.math.RoundingMode.UP);
            w.h.portfolio.freeBalance("USDT", Math.max(0, notional + fee + between(r, -3, 3)));
        } else {
            w.h.portfolio.freeBalance("BTC", Math.max(0, Fixed.rescale(Math.max(in.qty(), 0), SPOT.qtyScale(), Fixed.MONEY_SCALE,
                    java.math.RoundingMode.UP) + between(r, -3, 3)));
        }
    }

    private static OrderIntent randomIntent(final RandomSource r, final World w) {
        final double u = r.nextDouble();
        final StrategyId s = u < 0.05 ? UNKNOWN : u < 0.15 ? StrategyId.RISK : r.nextBoolean(0.5) ? S1 : S2;
        final Instrument i = INSTRUMENTS.get(r.nextInt(INSTRUMENTS.size()));
        final long held = w.h.portfolio.positionQty(i.id());
        if (s.equals(StrategyId.RISK) && held != 0 && r.nextBoolean(0.7)) {
            // what the kernel sends when flattening: reduce-only market orders, usually valid
            final long lots = Math.abs(held) / i.lotSize();
            return OrderIntent.market(s, i.id(), Side.reducing(held), between(r, 1, lots + (r.nextBoolean(0.2) ? 1 : 0)) * i.lotSize())
                    .asReduceOnly();
        }
        final InstrumentId id = r.nextBoolean(0.02) ? new InstrumentId("NOPE", "SIM") : i.id();
        final Side side = r.nextBoolean(0.5) ? Side.BUY : Side.SELL;
        final double t = r.nextDouble();
        final OrderType type = t < 0.5 ? OrderType.LIMIT : t < 0.8 ? OrderType.MARKET : t < 0.9 ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT;
        final long c = w.center.get(i.id());
        long price = type.hasLimitPrice() ? (r.nextBoolean(0.35) ? bandEdge(r, w, i, side) : near(r, i, c, 80)) : 0;
        long trigger = type.hasTriggerPrice() ? near(r, i, c, 80) : 0;
        final long valuation = type.hasLimitPrice() ? price : type == OrderType.STOP_MARKET ? trigger : Math.max(1, w.h.market.referencePrice(i.id()));
        long qty = between(r, 1, lotsFor(i, c, r.nextBoolean(0.5) ? 1_500 : 8_000)) * i.lotSize();
        final long pos = w.h.portfolio.positionQty(i.id());
        final double q = r.nextDouble();
        if (pos != 0 && q < 0.25) {
            qty = Math.max(i.lotSize(), Math.abs(pos) - between(r, -2, 2) * i.lotSize()); // around the position: reduce or flip
        } else if (q < 0.65 || type == OrderType.MARKET && r.nextBoolean(0.6)) {
            qty = boundaryQty(r, w, i, side, valuation, type);
        }
        if (r.nextBoolean(0.04)) {
            qty = r.nextBoolean(0.5) ? 0 : qty + 1; // invalid (off lot for SOL; 0 everywhere)
        }
        if (r.nextBoolean(0.03)) {
            price += 1; // off tick, or a price on a market order
        }
        if (r.nextBoolean(0.02)) {
            trigger += 1;
        }
        final TimeInForce tif = type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
        return new OrderIntent(s, id, side, type, tif, price, trigger, qty, r.nextBoolean(0.2));
    }

    // ------------------------------------------------------------------------------------------------------------ oracle

    private static BigDecimal px(final Instrument i, final long price) {
        return BigDecimal.valueOf(price, i.priceScale());
    }

    private static BigDecimal qt(final Instrument i, final long qty) {
        return BigDecimal.valueOf(qty, i.qtyScale());
    }

    private static BigDecimal money(final long money) {
        return BigDecimal.valueOf(money, Fixed.MONEY_SCALE);
    }

    private static BigDecimal rate(final long rate) {
        return BigDecimal.valueOf(rate, Fixed.RATE_SCALE);
    }

    private static void require(final boolean ok, final String what, final OrderIntent in) {
        if (!ok) {
            throw new AssertionError("passed intent breaks: " + what + " — " + in);
        }
    }

    /** Every limit, recomputed from scratch, holds for an intent the engine passed. */
    private static void assertPassedIntentWithinLimits(final World w, final OrderIntent in) {
        final RiskHarness h = w.h;
        final RiskLimits l = w.limits;
        final Instrument i = h.registry.find(in.instrumentId());
        require(i != null, "known instrument", in);
        final boolean riskFlatten = in.strategyId().equals(StrategyId.RISK) && in.reduceOnly();
        final TradingState state = h.engine.tradingState();
        require(state != TradingState.HALTED || riskFlatten, "HALTED passes only risk reduce-only", in);
        if (!riskFlatten) {
            require(!in.strategyId().equals(UNKNOWN) && h.engine.strategyState(in.strategyId()) == StrategyState.RUNNING, "strategy running", in);
        }
        // venue filters
        require(in.qty() >= i.minQty() && in.qty() <= i.maxQty() && in.qty() % i.lotSize() == 0, "qty on lot within min/max", in);
        if (in.type().hasLimitPrice()) {
            require(in.price() > 0 && in.price() % i.tickSize() == 0, "limit price on tick", in);
        } else {
            require(in.price() == 0, "no price on a market-type order", in);
        }
        if (in.type().hasTriggerPrice()) {
            require(in.triggerPrice() > 0 && in.triggerPrice() % i.tickSize() == 0, "trigger on tick", in);
        } else {
            require(in.triggerPrice() == 0, "no trigger on a non-stop order", in);
        }
        final BigDecimal qty = qt(i, in.qty());
        final long pos = h.portfolio.positionQty(i.id());
        final BigDecimal position = qt(i, pos);
        final int sign = in.side().sign();
        final BigDecimal after = position.add(qty.multiply(BigDecimal.valueOf(sign)));
        final boolean reducesNow = pos != 0 && Long.signum(pos) == -sign && in.qty() <= Math.abs(pos);
        if (in.reduceOnly()) {
            require(reducesNow, "reduce-only reduces", in);
            require(after.abs().compareTo(position.abs()) < 0, "reduce-only lowers |position|", in);
        }
        if (riskFlatten) {
            return; // risk flattens skip the rest by design
        }
        final long leaves = h.orders.openLeavesQty(i.id(), in.side());
        final boolean reducing = reducesNow && in.qty() + leaves <= Math.abs(pos);
        if (state == TradingState.REDUCING) {
            require(reducing, "REDUCING passes only reducing intents", in);
            require(after.abs().compareTo(position.abs()) < 0, "REDUCING: |position| goes down", in);
        }
        final long marketRef = h.market.referencePrice(i.id());
        final long refScaled = in.type().hasLimitPrice() ? in.price() : in.type() == OrderType.STOP_MARKET ? in.triggerPrice() : marketRef;
        require(refScaled > 0, "has a reference price", in);
        final BigDecimal ref = px(i, refScaled);
        final BigDecimal orderNotional = ref.multiply(qty);
        require(orderNotional.compareTo(money(i.minNotionalMoney())) >= 0, "min notional", in);
        if (l.orderNotionalMoneyMax() > 0) {
            require(orderNotional.compareTo(money(l.orderNotionalMoneyMax())) <= 0, "max order notional", in);
        }
        if (l.priceBandRate() > 0 && in.type().hasLimitPrice()) {
            final long m = h.market.markPrice(i.id()) > 0 ? h.market.markPrice(i.id()) : marketRef;
            if (m > 0) {
                final BigDecimal mark = px(i, m);
                require(px(i, in.price()).subtract(mark).abs().compareTo(mark.multiply(rate(l.priceBandRate()))) <= 0, "price band", in);
            }
        }
        final BookSnapshot book = h.market.book(i.id());
        if (l.slippageRateMax() > 0 && in.type() == OrderType.MARKET && book != null) {
            require(slippageWithinLimit(i, book, in.side(), in.qty(), l.slippageRateMax()), "expected slippage within the limit", in);
        }
        if (!reducing) {
            final BigDecimal projectedQty = position.add(qt(i, leaves).add(qty).multiply(BigDecimal.valueOf(sign)));
            final BigDecimal projected = projectedQty.abs().multiply(px(i, Math.max(refScaled, marketRef)));
            BigDecimal total = projected;
            int open = 1;
            for (final Instrument o : INSTRUMENTS) {
                if (o != i) {
                    total = total.add(money(h.portfolio.positionNotionalMoney(o.id())));
                    final boolean hasPosition = h.portfolio.positionQty(o.id()) != 0;
                    final boolean hasOrders = h.orders.openLeavesQty(o.id(), Side.BUY) + h.orders.openLeavesQty(o.id(), Side.SELL) > 0;
                    open += hasPosition || hasOrders ? 1 : 0;
                }
            }
            final BigDecimal equity = money(h.portfolio.equityMoney());
            if (l.positionNotionalMoneyMax() > 0) {
                require(projected.compareTo(money(l.positionNotionalMoneyMax())) <= 0, "max position notional", in);
            }
            if (l.totalNotionalMoneyMax() > 0) {
                require(total.compareTo(money(l.totalNotionalMoneyMax())) <= 0, "max total notional", in);
            }
            if (l.openPositionsMax() > 0 && pos == 0) {
                require(open <= l.openPositionsMax(), "max open positions", in);
            }
            if (l.concentrationRateMax() > 0) {
                require(projected.compareTo(equity.multiply(rate(l.concentrationRateMax()))) <= 0, "max concentration", in);
            }
            if (l.leverageRateMax() > 0) {
                require(total.compareTo(equity.multiply(rate(l.leverageRateMax()))) <= 0, "max leverage", in);
            }
        }
        if (l.spotBalanceCheck() && i.kind() == InstrumentKind.SPOT) {
            if (in.side() == Side.BUY) {
                final BigDecimal fee = orderNotional.multiply(rate(i.takerFeeRate())).max(BigDecimal.ZERO);
                require(money(h.portfolio.freeBalanceMoney(i.quoteAsset())).compareTo(orderNotional.add(fee)) >= 0, "free quote", in);
            } else {
                require(money(h.portfolio.freeBalanceMoney(i.baseAsset())).compareTo(qty) >= 0, "free base", in);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------ properties

    @Test
    void everyPassedIntentSatisfiesEveryLimitInEveryTradingState() {
        final long[] passedByState = new long[TradingState.values().length];
        final long[] riskFlattensPassedWhileHalted = new long[1];
        final long[] deniedByExposure = new long[1];
        forSeeds("every passed intent satisfies every limit", (seed, r) -> {
            RiskLimits limits = randomLimits(r);
            final double s = r.nextDouble();
            final TradingState target = s < 0.6 ? TradingState.ACTIVE : s < 0.8 ? TradingState.REDUCING : TradingState.HALTED;
            if (target == TradingState.REDUCING) {
                limits = limits.toBuilder().marginRatio(Fixed.rate("0.7"), 0).build();
            }
            final World w = randomWorld(r, limits);
            if (target == TradingState.REDUCING) {
                w.h.engine.onMarginRatio(Fixed.rate("0.8"));
            } else if (target == TradingState.HALTED) {
                w.h.engine.engageKillSwitch("prop", "seed " + seed, false);
            }
            assertThat(w.h.engine.tradingState()).isEqualTo(target);
            final int n = (int) between(r, 30, 80);
            for (int k = 0; k < n; k++) {
                w.h.scheduler.set(w.h.scheduler.nowNanos() + between(r, 0, SECOND / 3));
                if (r.nextBoolean(0.2)) {
                    randomizePosition(r, w, INSTRUMENTS.get(r.nextInt(INSTRUMENTS.size())));
                }
                final OrderIntent in = randomIntent(r, w);
                if (in.instrumentId().equals(SPOT.id()) && r.nextBoolean(0.5)) {
                    nearRequiredBalance(r, w, in);
                }
                final RiskDecision d = w.h.engine.check(in);
                assertThat(d.reason() == ReasonCode.NONE).isEqualTo(d.passed());
                if (d.passed()) {
                    assertPassedIntentWithinLimits(w, in);
                    passedByState[target.ordinal()]++;
                    if (target == TradingState.HALTED) {
                        riskFlattensPassedWhileHalted[0]++;
                    }
                } else {
                    assertThat(d.reason().subsystem()).isEqualTo("RISK");
                    assertThat(d.message()).isNotBlank();
                    if (d.reason() == ReasonCode.RISK_MAX_POSITION_NOTIONAL || d.reason() == ReasonCode.RISK_MAX_LEVERAGE) {
                        deniedByExposure[0]++;
                    }
                }
            }
        });
        // not vacuous: intents pass in every state (only risk flattens while HALTED), and limits do bite
        assertThat(passedByState[TradingState.ACTIVE.ordinal()]).isGreaterThan(1_000);
        assertThat(passedByState[TradingState.REDUCING.ordinal()]).isGreaterThan(100);
        assertThat(riskFlattensPassedWhileHalted[0]).isGreaterThan(30);
        assertThat(deniedByExposure[0]).isGreaterThan(200);
    }

    /** Oracle: the whole quantity fills from the visible opposite side and its average price is within the limit of the touch. */
    private static boolean slippageWithinLimit(final Instrument i, final BookSnapshot book, final Side side, final long qtyScaled,
            final long slippageRate) {
        final List<BookLevel> levels = side == Side.BUY ? book.asks() : book.bids();
        if (levels.isEmpty()) {
            return false;
        }
        final BigDecimal qty = qt(i, qtyScaled);
        BigDecimal left = qty;
        BigDecimal cost = BigDecimal.ZERO;
        for (final BookLevel lv : levels) {
            final BigDecimal take = left.min(qt(i, lv.qty()));
            cost = cost.add(take.multiply(px(i, lv.price())));
            left = left.subtract(take);
        }
        if (left.signum() != 0) {
            return false;
        }
        final BigDecimal touch = px(i, levels.get(0).price());
        final BigDecimal vwap = cost.divide(qty, java.math.MathContext.DECIMAL128);
        final BigDecimal slippage = vwap.subtract(touch).abs().divide(touch, java.math.MathContext.DECIMAL128);
        return slippage.compareTo(rate(slippageRate)) <= 0;
    }

    @Test
    void marketOrdersPassExactlyWhenTheBookWalkIsWithinTheSlippageLimit() {
        final long[] near = new long[2];
        forSeeds("slippage check is exact", (seed, r) -> {
            final long limit = between(r, Fixed.RATE_ONE / 20_000, Fixed.RATE_ONE / 50);
            final World w = new World(RiskLimits.unlimited().toBuilder().slippageRateMax(limit).build());
            final Instrument i = INSTRUMENTS.get(r.nextInt(INSTRUMENTS.size()));
            final long c = near(r, i, basePrice(i), 100);
            w.center.put(i.id(), c);
            w.h.market.mark(i.id(), c).book(i.id(), randomLevels(r, i, c, Side.BUY), randomLevels(r, i, c, Side.SELL));
            w.h.registerAll(S1);
            for (int k = 0; k < 30; k++) {
                final Side side = r.nextBoolean(0.5) ? Side.BUY : Side.SELL;
                final BookSnapshot book = w.h.market.book(i.id());
                final long boundary = slippageBoundaryLots(i, side == Side.BUY ? book.asks() : book.bids(), limit);
                final long minLots = lotsFor(i, c, 10); // clear of the venue's min notional
                final long lots = Math.max(minLots, r.nextBoolean(0.7) ? boundary + between(r, -2, 2) : between(r, 1, 2 * boundary + 2));
                final OrderIntent in = OrderIntent.market(S1, i.id(), side, lots * i.lotSize());
                final boolean expected = slippageWithinLimit(i, book, side, in.qty(), limit);
                final RiskDecision d = w.h.check(in);
                assertThat(d.passed()).as("%s -> %s", in, d.message()).isEqualTo(expected);
                if (!expected) {
                    assertThat(d.reason()).isEqualTo(ReasonCode.RISK_SLIPPAGE);
                }
                near[expected ? 0 : 1] += Math.abs(lots - boundary) <= 1 ? 1 : 0;
            }
        });
        assertThat(near[0]).as("passes at the boundary").isGreaterThan(300);
        assertThat(near[1]).as("denials at the boundary").isGreaterThan(300);
    }

    @Test
    void passedIntentsNeverExceedTheRateWindows() {
        final long[] rateDenials = new long[1];
        forSeeds("rate windows are never exceeded", (seed, r) -> {
            // times on a grid of quanta (windows are whole quanta) with occasional ±1 ns, to land on window edges
            final long quantum = between(r, SECOND / 100, SECOND / 5);
            final int perStrategy = (int) between(r, 1, 15);
            final long strategyWindow = quantum * between(r, 1, 10);
            final int global = (int) between(r, 2, 60);
            final long globalWindow = quantum * between(r, 2, 100);
            final RiskLimits.Builder b = RiskLimits.unlimited().toBuilder().orderNotionalMoneyMax(Fixed.money("1000"));
            if (r.nextBoolean(0.85)) {
                b.strategyOrderRate(perStrategy, strategyWindow);
            }
            if (r.nextBoolean(0.85)) {
                b.globalOrderRate(global, globalWindow);
            }
            if (r.nextBoolean(0.3)) {
                b.rateAbuse((int) between(r, 5, 40), quantum * between(r, 5, 50));
            }
            final RiskLimits limits = b.build();
            final RiskHarness h = new RiskHarness(limits);
            final StrategyId[] ids = {S1, S2, new StrategyId("S3")};
            for (final StrategyId id : ids) {
                h.registerAll(id);
            }
            final List<List<Long>> passedBy = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            final List<Long> passedAll = new ArrayList<>();
            final List<List<Long>> admittedBy = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            final List<Long> admittedAll = new ArrayList<>();
            final int n = (int) between(r, 100, 600);
            for (int k = 0; k < n; k++) {
                // bursts at the same instant, short gaps, and occasional long pauses
                final double g = r.nextDouble();
                long gap = g < 0.35 ? 0 : g < 0.95 ? quantum * between(r, 1, 3) : quantum * between(r, 0, 300);
                if (r.nextBoolean(0.2)) {
                    gap = Math.max(0, gap + (r.nextBoolean(0.5) ? 1 : -1));
                }
                h.scheduler.set(h.scheduler.nowNanos() + gap);
                final long now = h.scheduler.nowNanos();
                final int who = r.nextInt(ids.length);
                final boolean wasRunning = h.engine.strategyState(ids[who]) == StrategyState.RUNNING;
                // sometimes oversized: admitted by the rate check, denied after it, still counted
                final String qty = r.nextBoolean(0.2) ? "1" : "0.001";
                final RiskDecision d = h.check(limit(ids[who], BTC, Side.BUY, "50000", qty));
                if (d.passed()) {
                    passedBy.get(who).add(now);
                    passedAll.add(now);
                }
                if (d.reason() == ReasonCode.RISK_ORDER_RATE_STRATEGY) {
                    rateDenials[0]++;
                    // liveness: denied only when the window really holds the maximum
                    assertThat(countInWindow(admittedBy.get(who), now, limits.strategyRateWindowNanos()))
                            .as("strategy window at %d", now).isGreaterThanOrEqualTo(limits.strategyOrdersPerWindowMax());
                } else if (d.reason() == ReasonCode.RISK_ORDER_RATE_GLOBAL) {
                    rateDenials[0]++;
                    assertThat(countInWindow(admittedAll, now, limits.globalRateWindowNanos()))
                            .as("global window at %d", now).isGreaterThanOrEqualTo(limits.globalOrdersPerWindowMax());
                } else if (wasRunning) {
                    admittedBy.get(who).add(now);
                    admittedAll.add(now);
                }
            }
            if (limits.strategyOrdersPerWindowMax() > 0) {
                for (int who = 0; who < ids.length; who++) {
                    assertMaxInWindow(passedBy.get(who), limits.strategyOrdersPerWindowMax(), limits.strategyRateWindowNanos(), "per-strategy");
                    assertMaxInWindow(admittedBy.get(who), limits.strategyOrdersPerWindowMax(), limits.strategyRateWindowNanos(), "admitted");
                }
            }
            if (limits.globalOrdersPerWindowMax() > 0) {
                assertMaxInWindow(passedAll, limits.globalOrdersPerWindowMax(), limits.globalRateWindowNanos(), "global");
                assertMaxInWindow(admittedAll, limits.globalOrdersPerWindowMax(), limits.globalRateWindowNanos(), "admitted global");
            }
        });
        assertThat(rateDenials[0]).isGreaterThan(1_000);
    }

    private static int countInWindow(final List<Long> times, final long now, final long window) {
        int n = 0;
        for (final long t : times) {
            if (now - t < window) {
                n++;
            }
        }
        return n;
    }

    /** In every window (t - w, t] ending at a passed intent, at most {@code max} passed intents. */
    private static void assertMaxInWindow(final List<Long> times, final int max, final long window, final String which) {
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= window) {
                start++;
            }
            if (end - start + 1 > max) {
                throw new AssertionError(which + " window exceeded: " + (end - start + 1) + " passed in (" + (times.get(end) - window) + ", "
                        + times.get(end) + "], max " + max);
            }
        }
    }
}
