package dev.tandem.kernel.portfolio;

import static dev.tandem.kernel.model.Fixed.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.Property;
import dev.tandem.testkit.StatefulProperty;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link Portfolio} on the {@code dev.tandem.testkit} harness: random sequences of fills, marks,
 * funding, leverage changes, order locks, snapshot/restore and adoptions ({@link StatefulProperty}), checked against
 * the test's own running totals after every action, so a failure shrinks to a minimal action sequence and prints
 * {@code -Dtandem.seed/-Dtandem.tries} to reproduce it. Tries follow the harness precedence ({@code -Dtandem.tries},
 * 200 in the build).
 */
final class PortfolioProperties {
    private static final long INITIAL_USDT = money("1000000");
    private static final long INITIAL_BTC = money("1");

    private static final Instrument PERP = Instruments.btcUsdtPerp();
    private static final Instrument ETH = Instruments.ethUsdtPerp();
    private static final Instrument SPOT = Instruments.btcUsdtSpot();
    private static final List<Instrument> ALL = List.of(PERP, ETH, SPOT);
    private static final InstrumentRegistry REGISTRY = InstrumentRegistry.of(ALL);

    // ======================================================================= actions

    /** One thing that happens to the portfolio. Instruments are named by id, so reports stay short. */
    sealed interface Action permits Fill, Mark, Funding, Leverage, Lock, LockFill, Release, SnapshotRestore, AdoptPosition,
            AdoptBalance, CloseOut {}

    /** An own fill. */
    record Fill(InstrumentId id, Side side, long price, long qty, long fee) implements Action {}

    /** A mark price. */
    record Mark(InstrumentId id, long price) implements Action {}

    /** A funding settlement at {@code rate} and mark {@code price} (perpetuals only). */
    record Funding(InstrumentId id, long rate, long price) implements Action {}

    /** A leverage change. */
    record Leverage(InstrumentId id, int leverage) implements Action {}

    /** Funds locked for a resting order. */
    record Lock(ClientOrderId order, InstrumentId id, Side side, long price, long qty) implements Action {}

    /** A fill against an order's lock. */
    record LockFill(ClientOrderId order, long qty) implements Action {}

    /** An order's lock is released. */
    record Release(ClientOrderId order) implements Action {}

    /** Snapshot, restore, and carry on with the restored copy. */
    record SnapshotRestore() implements Action {}

    /** Reconciliation adopts the venue's position (perpetuals only). */
    record AdoptPosition(InstrumentId id, long venueQty, long avgEntryPrice) implements Action {}

    /** Reconciliation adopts the venue's balance: ours plus {@code delta}. */
    record AdoptBalance(String asset, long delta) implements Action {}

    /** The end of a fill sequence: close every open position at these prices, then the books must balance exactly. */
    record CloseOut(long perpPrice, long ethPrice, long spotPrice) implements Action {
        long price(final Instrument i) {
            return i.equals(PERP) ? perpPrice : i.equals(ETH) ? ethPrice : spotPrice;
        }
    }

    // ======================================================================= generators

    private static Instrument instrument(final InstrumentId id) {
        return REGISTRY.find(id);
    }

    private static long priceFloor(final Instrument i) {
        return i.equals(ETH) ? i.price("2000") : i.price("50000");
    }

    private static long priceCeiling(final Instrument i) {
        return i.equals(ETH) ? i.price("4000") : i.price("70000");
    }

    /** 50 000 .. 70 000 for BTC, 2 000 .. 4 000 for ETH, on the tick grid. */
    private static Gen<Long> price(final Instrument i) {
        return Gen.longs(priceFloor(i) / i.tickSize(), priceCeiling(i) / i.tickSize()).map(ticks -> ticks * i.tickSize());
    }

    /** Up to 0.2 BTC spot, 2 BTC / 20 ETH perp. */
    private static Gen<Long> qty(final Instrument i) {
        final long maxLots = i.equals(SPOT) ? 200_000 : 2_000;
        return Gen.longs(1, maxLots).map(lots -> lots * i.lotSize());
    }

    private static Gen<Side> side() {
        return Gen.oneOf(Side.BUY, Side.SELL);
    }

    /** An arbitrary small fee (shrinks to 0), the maker or taker fee, or a rebate. */
    private static Gen<Long> fee(final Instrument i, final long notional) {
        return Gen.anyOf(
                Gen.longs(0, money("5")),
                Gen.constant(i.fee(notional, Liquidity.MAKER)),
                Gen.constant(i.fee(notional, Liquidity.TAKER)),
                Gen.constant(-Fixed.applyRate(notional, Fixed.rate("0.0001"), RoundingMode.HALF_EVEN))); // rebate
    }

    private static Gen<Fill> fill(final Instrument i) {
        return rng -> {
            final Side side = side().generate(rng);
            final long price = price(i).generate(rng);
            final long qty = qty(i).generate(rng);
            return new Fill(i.id(), side, price, qty, fee(i, i.notional(price, qty)).generate(rng));
        };
    }

    private static Gen<Fill> fillWithoutFee(final Instrument i) {
        return Gen.zip(side(), price(i), qty(i), (side, price, qty) -> new Fill(i.id(), side, price, qty, 0));
    }

    private static Gen<Action> lockAction(final Instrument i) {
        final Gen<ClientOrderId> orders = Gen.ints(0, 5).map(n -> new ClientOrderId("o" + n));
        return Gen.anyOf(
                rng -> new Lock(orders.generate(rng), i.id(), side().generate(rng), price(i).generate(rng), qty(i).generate(rng)),
                Gen.zip(orders, qty(i), LockFill::new),
                orders.map(Release::new));
    }

    /** The trading actions: an instrument, then an action on it, in percent (spot has no funding: more leverage changes). */
    private static final Gen<Action> TRADING = Gen.elements(ALL).flatMap(PortfolioProperties::trading);

    private static Gen<Action> trading(final Instrument i) {
        final Gen<Action> fill = fill(i).map(Action.class::cast);
        final Gen<Action> mark = price(i).map(p -> new Mark(i.id(), p));
        final Gen<Action> leverage = Gen.ints(1, i.maxLeverage()).map(l -> new Leverage(i.id(), l));
        final Gen<Action> restore = Gen.constant(new SnapshotRestore());
        if (!i.isPerpetual()) {
            return Gen.frequency(Gen.weighted(70, fill), Gen.weighted(8, mark), Gen.weighted(10, leverage),
                    Gen.weighted(8, lockAction(i)), Gen.weighted(4, restore));
        }
        final Gen<Action> funding = Gen.zip(Gen.longs(-Fixed.rate("0.003"), Fixed.rate("0.003")), price(i),
                (rate, p) -> new Funding(i.id(), rate, p));
        return Gen.frequency(Gen.weighted(70, fill), Gen.weighted(8, mark), Gen.weighted(6, funding), Gen.weighted(4, leverage),
                Gen.weighted(8, lockAction(i)), Gen.weighted(4, restore));
    }

    private static final Gen<Action> CLOSE_OUT = Gen.zip(price(PERP), price(ETH), price(SPOT), CloseOut::new);

    /** Fills, venue position adoptions (perpetuals only) and venue balance adoptions, in tenths. */
    private static final Gen<Action> ADOPTING = Gen.elements(ALL).flatMap(i -> Gen.frequency(
            Gen.weighted(6, fill(i)),
            Gen.weighted(2, i.isPerpetual() ? adoptPosition(i) : adoptBalance()),
            Gen.weighted(2, adoptBalance())));

    private static Gen<Action> adoptPosition(final Instrument i) {
        return rng -> {
            final long venueQty = rng.weightedBoolean(0.25) ? 0 : rng.choose(-2_000, 2_000) * i.lotSize();
            return new AdoptPosition(i.id(), venueQty, venueQty == 0 ? 0 : price(i).generate(rng));
        };
    }

    private static Gen<Action> adoptBalance() {
        return Gen.zip(Gen.oneOf("USDT", "BTC"), Gen.longs(-money("100"), money("100")), AdoptBalance::new);
    }

    // ======================================================================= the system under test and its model

    /** A portfolio plus the test's own per-instrument totals, kept independently of it. */
    private static final class Books {
        Portfolio p = newPortfolio();
        final TreeMap<InstrumentId, long[]> totals = new TreeMap<>(); // signedQty, buyN, sellN, fees, funding

        long[] of(final InstrumentId id) {
            return totals.computeIfAbsent(id, k -> new long[5]);
        }

        void apply(final Action a) {
            if (a instanceof Fill f) {
                fill(instrument(f.id()), f.side(), f.price(), f.qty(), f.fee());
            } else if (a instanceof Mark m) {
                p.onMarkPrice(m.id(), m.price());
            } else if (a instanceof Funding f) {
                final long amount = p.applyFunding(f.id(), f.rate(), f.price());
                of(f.id())[4] += amount;
                assertThat(Long.signum(amount) * Long.signum(f.rate()) * Long.signum(p.positionQty(f.id())))
                        .as("longs pay a positive rate, shorts receive it").isLessThanOrEqualTo(0);
            } else if (a instanceof Leverage l) {
                p.setLeverage(l.id(), l.leverage());
            } else if (a instanceof Lock l) {
                p.lock(l.order(), l.id(), l.side(), l.price(), l.qty());
            } else if (a instanceof LockFill l) {
                final PortfolioSnapshot.LockEntry before = p.lockOf(l.order());
                p.onLockFill(l.order(), l.qty());
                final PortfolioSnapshot.LockEntry after = p.lockOf(l.order());
                if (before != null && after != null) {
                    assertThat(after.lockedMoney()).as("a lock fill only shrinks the lock").isBetween(0L, before.lockedMoney());
                }
            } else if (a instanceof Release r) {
                p.release(r.order());
            } else if (a instanceof SnapshotRestore) {
                final Portfolio restored = Portfolio.restore(p.snapshot(), REGISTRY);
                assertThat(PortfolioTest.digest(restored)).as("restored digest").isEqualTo(PortfolioTest.digest(p));
                p = restored;
            } else if (a instanceof AdoptPosition ap) {
                p.adoptPosition(ap.id(), ap.venueQty(), ap.avgEntryPrice());
                of(ap.id())[0] = ap.venueQty(); // the venue's truth replaces the sum of our fills
            } else if (a instanceof AdoptBalance ab) {
                p.adoptBalance(ab.asset(), p.balanceMoney(ab.asset()) + ab.delta());
            } else if (a instanceof CloseOut c) {
                closeOut(c);
            } else {
                throw new IllegalStateException("unknown action " + a);
            }
            assertThat(p.checkIdentities()).as("identities").isEmpty();
            assertThat(p.freeBalanceMoney("USDT")).as("free USDT")
                    .isEqualTo(p.balanceMoney("USDT") - p.lockedMoney("USDT") - p.marginUsedMoney());
            assertThat(p.lockedMoney("USDT")).as("locked USDT").isNotNegative();
            assertThat(p.lockedMoney("BTC")).as("locked BTC").isNotNegative();
            for (final Instrument x : ALL) {
                assertThat(p.currentPosition(x.id()).signedQty()).as("%s position == fills + adoptions", x.id())
                        .isEqualTo(of(x.id())[0]);
            }
        }

        private void fill(final Instrument i, final Side side, final long price, final long qty, final long fee) {
            final long notional = i.notional(price, qty);
            final PositionUpdate u = p.onFill(i.id(), side, price, qty, fee);
            final long[] t = of(i.id());
            t[0] += side.sign() * qty;
            if (side == Side.BUY) {
                t[1] += notional;
            } else {
                t[2] += notional;
            }
            t[3] += fee;
            assertThat(u.signedQty()).as("position == signed sum of fills").isEqualTo(t[0]);
            assertThat(u.feesTotalMoney()).as("fees").isEqualTo(t[3]);
            if (u.signedQty() != 0) {
                assertThat(u.avgEntryPrice()).as("VWAP within the traded range").isBetween(priceFloor(i), priceCeiling(i));
            } else {
                assertThat(u.avgEntryPrice()).as("flat: no entry price").isZero();
            }
        }

        /** Closes everything: realized == Σ sell notional − Σ buy notional, exactly, and the wallet follows. */
        private void closeOut(final CloseOut c) {
            for (final Instrument i : ALL) {
                final long q = p.currentPosition(i.id()).signedQty();
                if (q != 0) {
                    fill(i, Side.reducing(q), c.price(i), Math.abs(q), 0);
                }
            }
            long expectedUsdt = INITIAL_USDT;
            for (final Instrument i : ALL) {
                final long[] t = of(i.id());
                assertThat(p.currentPosition(i.id()).signedQty()).as("%s closed", i.id()).isZero();
                assertThat(p.costBasisMoney(i.id())).as("%s cost basis", i.id()).isZero();
                assertThat(p.unrealizedPnlMoney(i.id())).as("%s unrealized", i.id()).isZero();
                assertThat(p.realizedPnlMoney(i.id())).as("%s realized", i.id()).isEqualTo(t[2] - t[1]);
                assertThat(p.fundingMoney(i.id())).as("%s funding", i.id()).isEqualTo(t[4]);
                expectedUsdt += t[2] - t[1] - t[3] + t[4];
            }
            assertThat(p.balanceMoney("USDT")).as("wallet from the test's own totals").isEqualTo(expectedUsdt);
            assertThat(p.balanceMoney("BTC")).as("BTC wallet").isEqualTo(INITIAL_BTC + of(SPOT.id())[0] * 100); // qty 1e-6 → 1e-8
            assertThat(p.marginUsedMoney()).as("margin used").isZero();
            assertThat(p.maintenanceMarginMoney()).as("maintenance margin").isZero();
            assertThat(p.checkIdentities()).as("identities").isEmpty();
        }
    }

    private static Portfolio newPortfolio() {
        final TreeMap<String, Long> initial = new TreeMap<>();
        initial.put("USDT", INITIAL_USDT);
        initial.put("BTC", INITIAL_BTC);
        return new Portfolio("USDT", REGISTRY, initial, 5);
    }

    // ======================================================================= properties

    /**
     * Every identity holds after every action, positions follow the fills, and closing everything at the end leaves
     * realized PnL, funding and the wallets exactly where the test's own totals put them.
     */
    @Test
    void randomFillSequencesKeepEveryIdentityAndCloseToExactPnl() {
        StatefulProperty.of(Books::new, TRADING, Books::apply)
                .endWith(CLOSE_OUT)
                .length(0, 150)
                .check();
    }

    /** Adopting venue positions and balances keeps every identity; positions are fills plus adoptions. */
    @Test
    void adoptionsKeepIdentitiesAndPositionsFollowFillsPlusAdjustments() {
        StatefulProperty.of(Books::new, ADOPTING, Books::apply)
                .endWith(Gen.constant(new SnapshotRestore())) // and the result survives a snapshot round trip
                .length(0, 120)
                .check();
    }

    /** Two portfolios fed the same actions in lockstep have the same digest after every action. */
    @Test
    void sameActionsGiveTheSameDigest() {
        StatefulProperty.of(Twins::new, TRADING, Twins::apply)
                .length(0, 60)
                .check();
    }

    private static final class Twins {
        final Books a = new Books();
        final Books b = new Books();

        void apply(final Action action) {
            a.apply(action);
            b.apply(action);
            assertThat(PortfolioTest.digest(b.p)).as("the twins' digests").isEqualTo(PortfolioTest.digest(a.p));
        }
    }

    /** A few ordinary fills, then absurd amounts that cannot fit a long. */
    record Absurd(List<Fill> warmup, InstrumentId id, Side side, long hugePrice, long bigQty, List<Long> feeFillPrices,
            List<Long> feeShortfalls, long fundingRateShortfall) {}

    private static final Gen<Absurd> ABSURD = Gen.elements(ALL).flatMap(PortfolioProperties::absurd);

    private static Gen<Absurd> absurd(final Instrument i) {
        final Gen<List<Fill>> warmup = Gen.listOf(Gen.elements(ALL).flatMap(PortfolioProperties::fillWithoutFee), 0, 10);
        return rng -> new Absurd(
                warmup.generate(rng),
                i.id(),
                side().generate(rng),
                rng.choose(Long.MAX_VALUE / 1000 + 1, Long.MAX_VALUE),
                rng.choose(1_000, 1_000_000),
                Gen.listOf(price(i), 3, 3).generate(rng),
                Gen.listOf(Gen.longs(0, 1_000), 3, 3).generate(rng),
                rng.choose(0, 1_000));
    }

    /** Overflow is an {@link ArithmeticException} that changes nothing, never a silently wrapped amount. */
    @Test
    void absurdValuesThrowArithmeticExceptionInsteadOfWrapping() {
        Property.forAll(ABSURD).check(c -> {
            final Books books = new Books();
            for (final Fill f : c.warmup()) {
                books.apply(f);
            }
            final Portfolio p = books.p;
            final String before = PortfolioTest.digest(p);
            final Instrument i = instrument(c.id());

            // price × qty cannot fit a long for any of these instruments
            assertThatThrownBy(() -> p.onFill(i.id(), c.side(), c.hugePrice(), c.bigQty(), 0)).isInstanceOf(ArithmeticException.class);
            assertThat(PortfolioTest.digest(p)).as("a failed fill changes nothing").isEqualTo(before);

            // fees that push a balance or a running total past the long range: two such fills cannot both fit
            int throwsSeen = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                final String prior = PortfolioTest.digest(p);
                try {
                    p.onFill(i.id(), c.side(), c.feeFillPrices().get(attempt), i.lotSize(), Long.MAX_VALUE - c.feeShortfalls().get(attempt));
                } catch (ArithmeticException expected) {
                    throwsSeen++;
                    assertThat(PortfolioTest.digest(p)).as("a failed fill changes nothing").isEqualTo(prior);
                }
            }
            assertThat(throwsSeen).as("fee overflows thrown").isPositive();

            // funding at an absurd rate
            final Portfolio fresh = newPortfolio();
            fresh.onFill(PERP.id(), Side.BUY, PERP.price("60000"), PERP.qty("1"), 0);
            final String freshBefore = PortfolioTest.digest(fresh);
            assertThatThrownBy(() -> fresh.applyFunding(PERP.id(), Long.MAX_VALUE - c.fundingRateShortfall(), Long.MAX_VALUE / 2))
                    .isInstanceOf(ArithmeticException.class);
            assertThat(PortfolioTest.digest(fresh)).as("a failed funding changes nothing").isEqualTo(freshBefore);
        });
    }
}
