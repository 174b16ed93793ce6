package dev.tandem.sim.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.MatchingEngine;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.StatefulProperty;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random agents trade perpetuals (one with a maker rebate) and spot through real {@link MatchingEngine}s wired to the
 * ledger by {@link TestVenue}; marks move, crash and pump (liquidations, insurance fund closes and auto-deleveraging
 * follow), funding is settled every 8 h of simulated time. After every step (and the liquidation pass the venue
 * runs after it) the conservation laws hold exactly, the venue's liquidation account is flat and empty, positions
 * net to zero, every insurance fund change was reported, and no trading account has a negative wallet unless its
 * unrealized profit still covers it (cross margin above maintenance).
 */
class AccountConservationProperties {

    static final String BTC = "BTCUSDT";
    static final String ETH = "ETHUSDT";
    static final String SPOT = "BTCUSDT-SPOT";
    static final List<String> SYMBOLS = List.of(BTC, ETH, SPOT);
    static final int ACCOUNTS = 5;

    sealed interface Op permits Place, CancelAll, Leverage, Mark, Funding {
    }

    /** {@code offset} in 0.1 % of the reference price; {@code lots} in lots. */
    record Place(long account, int symbol, Side side, boolean ioc, int offset, int lots, boolean reduceOnly)
            implements Op {
    }

    record CancelAll(long account) implements Op {
    }

    record Leverage(long account, int symbol, int leverage) implements Op {
    }

    /** Moves a perpetual's mark by {@code permille} (crashes and pumps are ±300). */
    record Mark(int symbol, int permille) implements Op {
    }

    /** 8 hours pass at this funding rate (RATE_SCALE). */
    record Funding(long rate) implements Op {
    }

    static final class World {
        final TestVenue venue = new TestVenue()
                .add(TestVenue.perp(BTC, "-0.0001", "0.0006"), RiskLimitTable.bybitLikeBtcUsdt())
                .add(TestVenue.perp(ETH, "0.0002", "0.00055"), RiskLimitTable.bybitLikeEthUsdt())
                .add(TestVenue.spot());
        final LiquidationEngine liquidation = new LiquidationEngine(venue.ledger, venue, Fixed.rate("0.0005"));
        long rate;
        long now = 1_000_000_000L;
        final FundingEngine funding = new FundingEngine(venue.ledger, venue.marks, (s, t) -> rate, now);
        long reportedFund;
        boolean deficitSettled;
        int liquidations;
        int adlFills;
        int bookCloses;

        World() {
            for (long id = 1; id <= ACCOUNTS; id++) {
                venue.open(id, "USDT", Long.toString(5_000 * id));
                venue.ledger.deposit(id, "BTC", Fixed.money("1"));
            }
            venue.setMark(BTC, Fixed.parse("50000", 2));
            venue.setMark(ETH, Fixed.parse("3000", 2));
        }

        void apply(final Op op) {
            if (op instanceof Place p) {
                final String symbol = SYMBOLS.get(p.symbol());
                final long ref = venue.marks.mark(symbol.equals(SPOT) ? BTC : symbol);
                // an IOC order is aggressive: its limit lies |offset| beyond the reference on its own side
                final long off = p.ioc() ? Math.abs(p.offset()) * p.side().sign() : p.offset();
                final long price = Math.max(1, ref + Fixed.mulDiv(ref, off, 1000, RoundingMode.HALF_EVEN));
                final long qty = symbol.equals(SPOT) ? p.lots() * 1000L : p.lots();
                final ReasonCode r = venue.limit(p.account(), symbol, p.side(), p.ioc() ? TimeInForce.IOC : TimeInForce.GTC,
                        price, qty, p.reduceOnly() && !symbol.equals(SPOT));
                assertThat(r).isIn(ReasonCode.NONE, ReasonCode.VENUE_INSUFFICIENT_BALANCE, ReasonCode.VENUE_POSITION_LIMIT);
            } else if (op instanceof CancelAll c) {
                venue.cancelAllOrders(c.account());
                assertThat(venue.ledger.account(c.account()).reservedOrderCount()).isZero();
            } else if (op instanceof Leverage l) {
                final String symbol = SYMBOLS.get(l.symbol() % 2);
                assertThat(venue.ledger.account(l.account()).setLeverage(symbol, l.leverage())).isIn(ReasonCode.NONE,
                        ReasonCode.VENUE_POSITION_LIMIT, ReasonCode.VENUE_INSUFFICIENT_BALANCE);
            } else if (op instanceof Mark mk) {
                final String symbol = SYMBOLS.get(mk.symbol() % 2);
                final long mark = venue.marks.mark(symbol);
                final long moved = mark + Fixed.mulDiv(mark, mk.permille(), 1000, RoundingMode.HALF_EVEN);
                venue.setMark(symbol, Math.max(Fixed.parse("100", 2), Math.min(Fixed.parse("1000000", 2), moved)));
            } else if (op instanceof Funding f) {
                rate = f.rate();
                now += FundingEngine.INTERVAL_NANOS;
                assertThat(funding.onTime(now)).hasSize(2);
            }
            for (final LiquidationReport r : liquidation.checkAll()) {
                liquidations++;
                adlFills += r.adlFills().size();
                for (final Takeover t : r.takeovers()) {
                    bookCloses += t.closedInBook() > 0 ? 1 : 0;
                    assertThat(t.closedInBook() + t.deleveraged()).isEqualTo(t.qty());
                }
                for (final InsuranceFundChange c : r.fundChanges()) {
                    reportedFund += c.amount();
                    if (c.kind() == InsuranceFundChange.Kind.BANKRUPTCY_REMAINDER && c.amount() < 0
                            && r.takeovers().isEmpty()) {
                        deficitSettled = true;
                    }
                }
            }
        }

        void check() {
            final SimLedger ledger = venue.ledger;
            assertThat(Conservation.check(ledger, true)).isEmpty();
            final List<Conservation.Violation> solvency = Conservation.solvency(ledger);
            if (deficitSettled) {
                assertThat(solvency).allMatch(v -> v.invariant().equals("insurance fund"));
            } else {
                assertThat(solvency).isEmpty();
            }
            final SimAccount liq = ledger.liquidationAccount();
            for (final String s : SYMBOLS) {
                assertThat(liq.positionQty(s)).isZero();
                final MatchingEngine book = venue.books.get(s);
                if (book.bestBid() != 0 && book.bestAsk() != 0) {
                    assertThat(book.bestBid()).isLessThan(book.bestAsk());
                }
            }
            assertThat(liq.walletBalance("USDT")).isZero();
            assertThat(ledger.insuranceFund().balance("USDT")).isEqualTo(reportedFund);
            if (!deficitSettled) {
                assertThat(ledger.insuranceFund().balance("USDT")).isNotNegative();
            }
            for (final SimAccount a : ledger.accounts()) {
                if (a.isVenueAccount()) {
                    continue;
                }
                assertThat(a.walletBalance("BTC")).isNotNegative();
                assertThat(a.freeBalance("BTC")).isNotNegative();
                assertThat(a.freeBalance("USDT") >= 0 || a.lockedBalance("USDT") == 0)
                        .as("%s: spot locks never exceed the wallet", a).isTrue();
                if (a.walletBalance("USDT") < 0) {
                    assertThat(a.hasPositions("USDT")).as("%s: negative wallet without position", a).isTrue();
                    assertThat(a.marginBalance("USDT")).as("%s: negative wallet not covered", a)
                            .isGreaterThan(a.maintenanceMarginTotal("USDT"));
                }
                assertThat(liquidation.isLiquidatable(a, "USDT")).isFalse();
            }
        }
    }

    static Gen<Op> ops() {
        final Gen<Long> account = Gen.longs(1, ACCOUNTS);
        final Gen<Integer> symbol = Gen.ints(0, 2);
        final Gen<Side> side = Gen.enumValues(Side.class);
        final Gen<Boolean> ioc = Gen.booleans(0.3);
        final Gen<Integer> offset = Gen.ints(-5, 5);
        final Gen<Integer> lots = Gen.ints(1, 500);
        final Gen<Boolean> reduceOnly = Gen.booleans(0.15);
        final Gen<Op> place = rng -> new Place(account.generate(rng), symbol.generate(rng), side.generate(rng),
                ioc.generate(rng), offset.generate(rng), lots.generate(rng), reduceOnly.generate(rng));
        return Gen.frequency(
                Gen.weighted(24, place),
                Gen.weighted(1, account.map(CancelAll::new)),
                Gen.weighted(3, Gen.zip(account, Gen.ints(0, 1), Gen.ints(1, 100), Leverage::new)),
                Gen.weighted(3, Gen.zip(Gen.ints(0, 1), Gen.ints(-30, 30), Mark::new)),
                Gen.weighted(2, Gen.zip(Gen.ints(0, 1), Gen.oneOf(-300, -150, 150, 300), Mark::new)),
                Gen.weighted(1, Gen.longs(-750_000, 750_000).map(Funding::new)));
    }

    @Test
    void conservationHoldsAfterEveryStep() {
        StatefulProperty.<World, Op>of(World::new, ops(), (w, op) -> {
                    w.apply(op);
                    w.check();
                })
                .endWith(Gen.constant(new CancelAll(1)))
                .length(0, 80)
                .check();
    }

    /** The generators reach the interesting paths: liquidations, closes in the book, and auto-deleveraging. */
    @Test
    void generatorsReachLiquidationsBookClosesAndAdl() {
        int liquidations = 0;
        int adl = 0;
        int closes = 0;
        final dev.tandem.testkit.SplitMix64 seeds = new dev.tandem.testkit.SplitMix64(42);
        for (int run = 0; run < 60; run++) {
            final World w = new World();
            final List<Op> list = sample(seeds.nextLong());
            for (final Op op : list) {
                w.apply(op);
                w.check();
            }
            liquidations += w.liquidations;
            adl += w.adlFills;
            closes += w.bookCloses;
        }
        // seed 42 gives 11 liquidations, 27 ADL fills and 8 closes in the book; the bounds leave room for tuning
        assertThat(liquidations).isGreaterThanOrEqualTo(5);
        assertThat(adl).isGreaterThanOrEqualTo(5);
        assertThat(closes).isGreaterThanOrEqualTo(3);
    }

    /** Same actions, same venue: two runs end in identical books (balances, positions, fund, fees, rounding). */
    @Test
    void sameActionsGiveTheSameLedger() {
        final dev.tandem.testkit.SplitMix64 seeds = new dev.tandem.testkit.SplitMix64(7);
        for (int run = 0; run < 20; run++) {
            final List<Op> list = sample(seeds.nextLong());
            final World a = new World();
            final World b = new World();
            list.forEach(a::apply);
            list.forEach(b::apply);
            assertThat(describe(b)).isEqualTo(describe(a));
        }
    }

    private static String describe(final World w) {
        final StringBuilder sb = new StringBuilder();
        final SimLedger l = w.venue.ledger;
        for (final SimAccount a : l.accounts()) {
            sb.append(a.id()).append(':');
            for (final String asset : a.assets()) {
                sb.append(asset).append('=').append(a.walletBalance(asset)).append('/').append(a.lockedBalance(asset))
                        .append(' ');
            }
            for (final String s : a.perpSymbols()) {
                sb.append(s).append('=').append(a.positionQty(s)).append('@').append(a.entryCost(s)).append(" r")
                        .append(a.realizedPnl(s)).append(" f").append(a.fundingPnl(s)).append(' ');
            }
            sb.append('\n');
        }
        return sb.append("fund=").append(l.insuranceFund().balance("USDT")).append(" fees=")
                .append(l.feesCollected("USDT")).append(" rounding=").append(l.roundingBalance("USDT"))
                .append(" trades=").append(w.venue.trades).toString();
    }

    private static List<Op> sample(final long seed) {
        return Gen.listOf(ops(), 80, 80).sample(seed);
    }
}
