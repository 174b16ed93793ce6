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
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.testkit.Instruments;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties of {@link Portfolio} over seeded fill sequences. A small local seeded loop stands in for
 * the shared property harness: every try uses {@code RandomSource.seeded(seed)}, and a failure names its seed.
 * Reproduce one with {@code -Dtandem.seed=<seed>}; soak with {@code -Dtandem.tries=10000} (at least 300 run).
 */
final class PortfolioProperties {
    private static final int TRIES = Math.max(300, Integer.getInteger("tandem.tries", 0));
    private static final long INITIAL_USDT = money("1000000");
    private static final long INITIAL_BTC = money("1");

    private final Instrument perp = Instruments.btcUsdtPerp();
    private final Instrument eth = Instruments.ethUsdtPerp();
    private final Instrument spot = Instruments.btcUsdtSpot();
    private final List<Instrument> all = List.of(perp, eth, spot);
    private final InstrumentRegistry registry = InstrumentRegistry.of(all);

    /** Runs the property for every seed (or just {@code -Dtandem.seed}), naming the seed of a failure. */
    private static void forAllSeeds(final String property, final LongConsumer body) {
        final String only = System.getProperty("tandem.seed");
        final long first = only == null ? 1 : Long.parseLong(only);
        final long last = only == null ? TRIES : first;
        for (long seed = first; seed <= last; seed++) {
            try {
                body.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                final String msg = property + " failed for seed " + seed + " (reproduce: -Dtandem.seed=" + seed + ")";
                System.out.println(msg);
                throw new AssertionError(msg + ": " + e.getMessage(), e);
            }
        }
    }

    private Portfolio newPortfolio() {
        final TreeMap<String, Long> initial = new TreeMap<>();
        initial.put("USDT", INITIAL_USDT);
        initial.put("BTC", INITIAL_BTC);
        return new Portfolio("USDT", registry, initial, 5);
    }

    /** Per-instrument totals kept by the test, independently of the portfolio. */
    private static final class Model {
        final TreeMap<InstrumentId, long[]> byId = new TreeMap<>(); // signedQty, buyN, sellN, fees, funding

        long[] of(final InstrumentId id) {
            return byId.computeIfAbsent(id, k -> new long[5]);
        }
    }

    private long randomPrice(final RandomSource rnd, final Instrument i) {
        // 50 000 .. 70 000 for BTC, 2 000 .. 4 000 for ETH, on the tick grid
        final long lo = i == eth ? i.price("2000") : i.price("50000");
        final long hi = i == eth ? i.price("4000") : i.price("70000");
        return rnd.nextLong(lo / i.tickSize(), hi / i.tickSize()) * i.tickSize();
    }

    private long randomQty(final RandomSource rnd, final Instrument i) {
        final long maxLots = i == spot ? 200_000 : 2_000; // up to 0.2 BTC spot, 2 BTC / 20 ETH perp
        return rnd.nextLong(1, maxLots) * i.lotSize();
    }

    private long randomFee(final RandomSource rnd, final Instrument i, final long notional) {
        return switch (rnd.nextInt(4)) {
            case 0 -> i.fee(notional, Liquidity.MAKER);
            case 1 -> i.fee(notional, Liquidity.TAKER);
            case 2 -> -Fixed.applyRate(notional, Fixed.rate("0.0001"), java.math.RoundingMode.HALF_EVEN); // rebate
            default -> rnd.nextLong(0, money("5"));
        };
    }

    private void fill(final Portfolio p, final Model m, final Instrument i, final Side side, final long price,
            final long qty, final long fee) {
        final long notional = i.notional(price, qty);
        final PositionUpdate u = p.onFill(i.id(), side, price, qty, fee);
        final long[] t = m.of(i.id());
        t[0] += side.sign() * qty;
        if (side == Side.BUY) {
            t[1] += notional;
        } else {
            t[2] += notional;
        }
        t[3] += fee;
        assertThat(u.signedQty()).as("position == signed sum of fills").isEqualTo(t[0]);
        assertThat(u.feesTotalMoney()).isEqualTo(t[3]);
        if (u.signedQty() != 0) {
            assertThat(u.avgEntryPrice()).as("VWAP within the traded range")
                    .isBetween(randomPriceFloor(i), randomPriceCeiling(i));
        } else {
            assertThat(u.avgEntryPrice()).isZero();
        }
    }

    private long randomPriceFloor(final Instrument i) {
        return i == eth ? i.price("2000") : i.price("50000");
    }

    private long randomPriceCeiling(final Instrument i) {
        return i == eth ? i.price("4000") : i.price("70000");
    }

    @Test
    void randomFillSequencesKeepEveryIdentityAndCloseToExactPnl() {
        forAllSeeds("fills", seed -> {
            final RandomSource rnd = RandomSource.seeded(seed);
            Portfolio p = newPortfolio();
            final Model m = new Model();
            final int steps = 20 + rnd.nextInt(120);
            for (int step = 0; step < steps; step++) {
                final Instrument i = all.get(rnd.nextInt(all.size()));
                final int action = rnd.nextInt(100);
                if (action < 70) {
                    final Side side = rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL;
                    final long price = randomPrice(rnd, i);
                    final long qty = randomQty(rnd, i);
                    fill(p, m, i, side, price, qty, randomFee(rnd, i, i.notional(price, qty)));
                } else if (action < 78) {
                    p.onMarkPrice(i.id(), randomPrice(rnd, i));
                } else if (action < 84 && i.isPerpetual()) {
                    final long rate = rnd.nextLong(-Fixed.rate("0.003"), Fixed.rate("0.003"));
                    final long amount = p.applyFunding(i.id(), rate, randomPrice(rnd, i));
                    m.of(i.id())[4] += amount;
                    assertThat(Long.signum(amount) * Long.signum(rate) * Long.signum(p.positionQty(i.id())))
                            .as("longs pay a positive rate, shorts receive it").isLessThanOrEqualTo(0);
                } else if (action < 88) {
                    p.setLeverage(i.id(), 1 + rnd.nextInt(i.maxLeverage()));
                } else if (action < 96) {
                    lockAction(p, rnd, i);
                } else {
                    // snapshot/restore mid-run, then keep going on the restored copy
                    final Portfolio restored = Portfolio.restore(p.snapshot(), registry);
                    assertThat(PortfolioTest.digest(restored)).isEqualTo(PortfolioTest.digest(p));
                    p = restored;
                }
                assertThat(p.checkIdentities()).as("identities after step %d", step).isEmpty();
                assertThat(p.freeBalanceMoney("USDT"))
                        .isEqualTo(p.balanceMoney("USDT") - p.lockedMoney("USDT") - p.marginUsedMoney());
                assertThat(p.lockedMoney("USDT")).isNotNegative();
                assertThat(p.lockedMoney("BTC")).isNotNegative();
            }

            // close everything at random prices: realized == Σ sell notional − Σ buy notional, exactly
            for (final Instrument i : all) {
                final long q = p.currentPosition(i.id()).signedQty();
                if (q != 0) {
                    final long price = randomPrice(rnd, i);
                    fill(p, m, i, Side.reducing(q), price, Math.abs(q), 0);
                }
            }
            long expectedUsdt = INITIAL_USDT;
            for (final Instrument i : all) {
                final long[] t = m.of(i.id());
                assertThat(p.currentPosition(i.id()).signedQty()).isZero();
                assertThat(p.costBasisMoney(i.id())).isZero();
                assertThat(p.unrealizedPnlMoney(i.id())).isZero();
                assertThat(p.realizedPnlMoney(i.id())).as("%s realized", i.id()).isEqualTo(t[2] - t[1]);
                assertThat(p.fundingMoney(i.id())).isEqualTo(t[4]);
                expectedUsdt += t[2] - t[1] - t[3] + t[4];
            }
            assertThat(p.balanceMoney("USDT")).as("wallet from the test's own totals").isEqualTo(expectedUsdt);
            assertThat(p.balanceMoney("BTC")).isEqualTo(INITIAL_BTC + m.of(spot.id())[0] * 100); // qty 1e-6 → 1e-8
            assertThat(p.marginUsedMoney()).isZero();
            assertThat(p.maintenanceMarginMoney()).isZero();
            assertThat(p.checkIdentities()).isEmpty();
        });
    }

    private void lockAction(final Portfolio p, final RandomSource rnd, final Instrument i) {
        final ClientOrderId id = new ClientOrderId("o" + rnd.nextInt(6));
        switch (rnd.nextInt(3)) {
            case 0 -> p.lock(id, i.id(), rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL, randomPrice(rnd, i),
                    randomQty(rnd, i));
            case 1 -> {
                final PortfolioSnapshot.LockEntry before = p.lockOf(id);
                p.onLockFill(id, randomQty(rnd, i));
                final PortfolioSnapshot.LockEntry after = p.lockOf(id);
                if (before != null && after != null) {
                    assertThat(after.lockedMoney()).isBetween(0L, before.lockedMoney());
                }
            }
            default -> p.release(id);
        }
    }

    @Test
    void adoptionsKeepIdentitiesAndPositionsFollowFillsPlusAdjustments() {
        forAllSeeds("adoption", seed -> {
            final RandomSource rnd = RandomSource.seeded(seed);
            final Portfolio p = newPortfolio();
            final Model m = new Model();
            for (int step = 0; step < 60; step++) {
                final Instrument i = all.get(rnd.nextInt(all.size()));
                final int action = rnd.nextInt(10);
                if (action < 6) {
                    final long price = randomPrice(rnd, i);
                    final long qty = randomQty(rnd, i);
                    final Side side = rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL;
                    fill(p, m, i, side, price, qty, randomFee(rnd, i, i.notional(price, qty)));
                } else if (action < 8 && i.isPerpetual()) {
                    final long venueQty = rnd.nextInt(4) == 0 ? 0 : (rnd.nextLong(-2_000, 2_000) * i.lotSize());
                    p.adoptPosition(i.id(), venueQty, venueQty == 0 ? 0 : randomPrice(rnd, i));
                    m.of(i.id())[0] = venueQty; // the venue's truth replaces the sum of our fills
                } else {
                    final String asset = rnd.nextInt(2) == 0 ? "USDT" : "BTC";
                    p.adoptBalance(asset, p.balanceMoney(asset) + rnd.nextLong(-money("100"), money("100")));
                }
                assertThat(p.checkIdentities()).as("identities after step %d", step).isEmpty();
                for (final Instrument x : all) {
                    assertThat(p.currentPosition(x.id()).signedQty()).isEqualTo(m.of(x.id())[0]);
                }
            }
            final Portfolio restored = Portfolio.restore(p.snapshot(), registry);
            assertThat(PortfolioTest.digest(restored)).isEqualTo(PortfolioTest.digest(p));
        });
    }

    @Test
    void sameSeedGivesTheSameDigest() {
        forAllSeeds("determinism", seed -> {
            final String[] digests = new String[2];
            for (int run = 0; run < 2; run++) {
                final RandomSource rnd = RandomSource.seeded(seed);
                final Portfolio p = newPortfolio();
                for (int step = 0; step < 30; step++) {
                    final Instrument i = all.get(rnd.nextInt(all.size()));
                    final long price = randomPrice(rnd, i);
                    p.onFill(i.id(), rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL, price, randomQty(rnd, i), 1);
                    p.onMarkPrice(i.id(), randomPrice(rnd, i));
                }
                digests[run] = PortfolioTest.digest(p);
            }
            assertThat(digests[1]).isEqualTo(digests[0]);
        });
    }

    @Test
    void absurdValuesThrowArithmeticExceptionInsteadOfWrapping() {
        forAllSeeds("overflow", seed -> {
            final RandomSource rnd = RandomSource.seeded(seed);
            final Portfolio p = newPortfolio();
            final Model m = new Model();
            for (int step = 0; step < 5; step++) {
                final Instrument i = all.get(rnd.nextInt(all.size()));
                final long price = randomPrice(rnd, i);
                fill(p, m, i, rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL, price, randomQty(rnd, i), 0);
            }
            final String before = PortfolioTest.digest(p);
            final Instrument i = all.get(rnd.nextInt(all.size()));
            final Side side = rnd.nextInt(2) == 0 ? Side.BUY : Side.SELL;

            // price × qty cannot fit a long for any of these instruments
            final long hugePrice = rnd.nextLong(Long.MAX_VALUE / 1000 + 1, Long.MAX_VALUE);
            final long bigQty = rnd.nextLong(1_000, 1_000_000);
            assertThatThrownBy(() -> p.onFill(i.id(), side, hugePrice, bigQty, 0))
                    .isInstanceOf(ArithmeticException.class);
            assertThat(PortfolioTest.digest(p)).as("a failed fill changes nothing").isEqualTo(before);

            // fees that push a balance or a running total past the long range: two such fills cannot both fit
            int throwsSeen = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                final String prior = PortfolioTest.digest(p);
                try {
                    p.onFill(i.id(), side, randomPrice(rnd, i), i.lotSize(), Long.MAX_VALUE - rnd.nextLong(0, 1_000));
                } catch (ArithmeticException expected) {
                    throwsSeen++;
                    assertThat(PortfolioTest.digest(p)).as("a failed fill changes nothing").isEqualTo(prior);
                }
            }
            assertThat(throwsSeen).isPositive();

            // funding at an absurd rate
            final Portfolio fresh = newPortfolio();
            fresh.onFill(perp.id(), Side.BUY, perp.price("60000"), perp.qty("1"), 0);
            final String freshBefore = PortfolioTest.digest(fresh);
            assertThatThrownBy(() -> fresh.applyFunding(perp.id(), Long.MAX_VALUE - rnd.nextLong(0, 1_000),
                    Long.MAX_VALUE / 2)).isInstanceOf(ArithmeticException.class);
            assertThat(PortfolioTest.digest(fresh)).as("a failed funding changes nothing").isEqualTo(freshBefore);
        });
    }
}
