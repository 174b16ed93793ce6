package dev.tandem.sim.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.StatefulProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The differential property (STYLE B6): random command sequences go through the fast {@link MatchingEngine} and
 * the reference {@link NaiveOrderBook}; after every command both must have made identical listener calls (trades,
 * rejects and cancels with their reasons, amends, triggers), returned the same result, and hold identical state
 * and state digests. The fast book is also checked against the book invariants ({@link BookInvariants}).
 *
 * <p>Prices sit in a narrow band (±5 ticks) so that orders cross often; three accounts make self-trades common;
 * ids are mostly fresh, sometimes duplicates or unknown. Reproduce a failure with the printed
 * {@code -Dtandem.seed=...}.
 */
class MatchingDifferentialProperties {

    // ------------------------------------------------------------------ commands

    /** One command to both books. */
    sealed interface Cmd permits Place, Cancel, Amend, CancelAll, LastPrice, MarkPrice {
        /** Runs the command; returns the book's return value (Boolean, Integer, or null). */
        Object runOn(OrderBook book);
    }

    record Place(long id, long account, Side side, OrderType type, TimeInForce tif, long price, long qty,
                 boolean reduceOnly, TriggerSource source, long trigger) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            return book.place(id, account, side, type, tif, price, qty, reduceOnly, source, trigger);
        }

        boolean isStop() {
            return type.hasTriggerPrice();
        }
    }

    record Cancel(long id, long account) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            return book.cancel(id, account);
        }
    }

    record Amend(long id, long account, long price, long qty) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            return book.amend(id, account, price, qty);
        }

        @Override
        public String toString() {
            return "Amend[id=" + id + ", account=" + account + ", price=" + (price == OrderBook.KEEP ? "KEEP" : price)
                    + ", qty=" + (qty == OrderBook.KEEP ? "KEEP" : qty) + "]";
        }
    }

    record CancelAll(long account) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            return book.cancelAll(account);
        }
    }

    record LastPrice(long price) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            book.onLastPrice(price);
            return null;
        }
    }

    record MarkPrice(long price) implements Cmd {
        @Override
        public Object runOn(final OrderBook book) {
            book.onMarkPrice(price);
            return null;
        }
    }

    // ------------------------------------------------------------------ harness

    /** Both books, their recorders (which are also their reduce-only guards) and the checkers' state. */
    static final class Harness {
        final BookRules rules;
        final RecordingListener fastOut = new RecordingListener();
        final RecordingListener naiveOut = new RecordingListener();
        final MatchingEngine fast;
        final NaiveOrderBook naive;
        final BookInvariants.Ledger ledger = new BookInvariants.Ledger();
        /** Outcome kinds seen (e.g. "Rejected:QTY_BELOW_MIN"), shared across tries by the coverage test. */
        final Set<String> coverage;
        long nextId = 1;
        /** Live orders of the fast book: id → {account, qty}; refreshed after every command, for the generators. */
        Map<Long, long[]> live = new TreeMap<>();

        Harness(final BookRules rules) {
            this(rules, new TreeSet<>());
        }

        Harness(final BookRules rules, final Set<String> coverage) {
            this.rules = rules;
            this.coverage = coverage;
            this.fast = new MatchingEngine(rules, fastOut, fastOut);
            this.naive = new NaiveOrderBook(rules, naiveOut, naiveOut);
        }

        void apply(final Cmd cmd) {
            final BookState pre = fast.state();
            final Object fastResult = cmd.runOn(fast);
            final Object naiveResult = cmd.runOn(naive);
            final List<RecordingListener.Event> events = fastOut.drain();
            assertThat(events).as("listener calls for %s", cmd).isEqualTo(naiveOut.drain());
            assertThat(fastResult).as("result of %s", cmd).isEqualTo(naiveResult);

            final BookState post = fast.state();
            assertThat(post).as("state after %s", cmd).isEqualTo(naive.state());
            final String fastDigest = digest(fast::bookDigest);
            assertThat(fastDigest).as("digest after %s", cmd)
                    .isEqualTo(digest(naive::bookDigest))
                    .isEqualTo(digest(post::writeTo));
            assertThat(fast.liveOrderCount()).isEqualTo(naive.liveOrderCount());
            assertThat(fast.bestBid()).isEqualTo(post.bestBid()).isEqualTo(naive.bestBid());
            assertThat(fast.bestAsk()).isEqualTo(post.bestAsk()).isEqualTo(naive.bestAsk());

            BookInvariants.assertWellFormed(post);
            final Set<Long> ownIds = new TreeSet<>();
            final Set<Long> stopIds = new TreeSet<>();
            if (cmd instanceof Place) {
                ownIds.add(((Place) cmd).id());
                if (((Place) cmd).isStop()) {
                    stopIds.add(((Place) cmd).id());
                }
            } else if (cmd instanceof Amend) {
                ownIds.add(((Amend) cmd).id());
            }
            for (final RecordingListener.Event e : events) {
                if (e instanceof RecordingListener.Triggered) {
                    ownIds.add(((RecordingListener.Triggered) e).id());
                }
            }
            BookInvariants.assertPriceTimePriority(pre, post, events, ownIds);
            ledger.apply(events, stopIds);
            ledger.assertMatches(post);
            assertResultMatchesEvents(cmd, fastResult, events);
            for (final RecordingListener.Event e : events) {
                coverage.add(kind(e));
            }

            if (cmd instanceof Place) {
                nextId = Math.max(nextId, ((Place) cmd).id() + 1);
            }
            live = new TreeMap<>();
            for (final BookState.Level level : concat(post.bids(), post.asks())) {
                for (final BookState.Entry e : level.queue()) {
                    live.put(e.id(), new long[] {e.account(), e.qty()});
                    assertThat(fast.isLive(e.id())).isTrue();
                    assertThat(fast.leavesQty(e.id())).isEqualTo(e.leaves());
                    assertThat(fast.filledQty(e.id())).isEqualTo(e.filled());
                }
            }
            for (final BookState.Stop s : post.stops()) {
                live.put(s.id(), new long[] {s.account(), s.qty()});
            }
            assertThat(fast.liveOrderCount()).isEqualTo(live.size());
        }

        private static void assertResultMatchesEvents(final Cmd cmd, final Object result,
                                                      final List<RecordingListener.Event> events) {
            if (cmd instanceof Place || cmd instanceof Cancel || cmd instanceof Amend) {
                assertThat(events).as("events of %s", cmd).isNotEmpty();
                final RecordingListener.Event first = events.get(0);
                final boolean refused = first instanceof RecordingListener.Rejected
                        || first instanceof RecordingListener.CancelRejected
                        || first instanceof RecordingListener.AmendRejected;
                assertThat(result).as("result of %s", cmd).isEqualTo(!refused);
                if (refused) {
                    assertThat(events).as("a refused command does nothing else").hasSize(1);
                }
            }
            if (cmd instanceof CancelAll) {
                assertThat(events).hasSize((Integer) result)
                        .allMatch(e -> e instanceof RecordingListener.Canceled
                                && ((RecordingListener.Canceled) e).reason() == CancelReason.CANCEL_ALL);
            }
        }

        private static String kind(final RecordingListener.Event e) {
            final String name = e.getClass().getSimpleName();
            if (e instanceof RecordingListener.Rejected) {
                return name + ":" + ((RecordingListener.Rejected) e).reason();
            }
            if (e instanceof RecordingListener.AmendRejected) {
                return name + ":" + ((RecordingListener.AmendRejected) e).reason();
            }
            if (e instanceof RecordingListener.Canceled) {
                return name + ":" + ((RecordingListener.Canceled) e).reason();
            }
            if (e instanceof RecordingListener.Amended) {
                return name + ":" + (((RecordingListener.Amended) e).priorityKept() ? "kept" : "lost");
            }
            if (e instanceof RecordingListener.Triggered) {
                return name + ":" + ((RecordingListener.Triggered) e).source();
            }
            return name;
        }

        private static String digest(final java.util.function.Consumer<StateDigest> writer) {
            final StateDigest d = new StateDigest();
            writer.accept(d);
            return d.hex();
        }

        private static List<BookState.Level> concat(final List<BookState.Level> a, final List<BookState.Level> b) {
            final List<BookState.Level> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
    }

    // ------------------------------------------------------------------ generators

    /** The next command, given the current state (fresh ids, live ids, owners and quantities). */
    static Gen<Cmd> commands(final Harness h) {
        final BookRules r = h.rules;
        final long tick = r.tickSize();
        final long lot = r.lotSize();
        final long base = 100 * tick;
        final Gen<Long> accounts = Gen.longs(1, 3);
        final Gen<Long> goodPrices = Gen.longs(-5, 5).map(k -> base + k * tick);
        final Gen<Long> prices = Gen.frequency(
                Gen.weighted(30, goodPrices),
                Gen.weighted(1, goodPrices.map(p -> tick > 1 ? p + 1 : -p)),
                Gen.weighted(1, Gen.constant(0L)));
        final Gen<Long> goodQtys = Gen.longs(1, 8).map(k -> k * lot);
        final Gen<Long> qtys = Gen.frequency(
                Gen.weighted(30, goodQtys),
                Gen.weighted(1, goodQtys.map(q -> lot > 1 ? q + 1 : -q)),
                Gen.weighted(1, Gen.constant(0L)),
                Gen.weighted(1, Gen.constant(r.maxQty() < Long.MAX_VALUE / 2 ? r.maxQty() + lot : 3 * lot)));
        final List<Long> liveIds = new ArrayList<>(h.live.keySet());
        final Gen<Long> existingIds = liveIds.isEmpty() ? Gen.longs(1, h.nextId + 1)
                : Gen.frequency(Gen.weighted(8, Gen.elements(liveIds)), Gen.weighted(1, Gen.longs(1, h.nextId + 1)));
        final Gen<Long> placeIds = Gen.frequency(Gen.weighted(15, Gen.constant(h.nextId)),
                Gen.weighted(1, existingIds));
        final Gen<Boolean> rarely = Gen.frequency(Gen.weighted(7, Gen.constant(false)), Gen.weighted(1, Gen.constant(true)));
        final Gen<Boolean> often = Gen.frequency(Gen.weighted(2, Gen.constant(false)), Gen.weighted(1, Gen.constant(true)));
        final Gen<Side> sides = Gen.enumValues(Side.class);

        final Gen<TimeInForce> limitTifs = Gen.frequency(
                Gen.weighted(6, Gen.constant(TimeInForce.GTC)), Gen.weighted(2, Gen.constant(TimeInForce.IOC)),
                Gen.weighted(2, Gen.constant(TimeInForce.FOK)), Gen.weighted(2, Gen.constant(TimeInForce.POST_ONLY)));
        final Gen<TimeInForce> marketTifs = Gen.frequency(
                Gen.weighted(4, Gen.constant(TimeInForce.IOC)), Gen.weighted(1, Gen.constant(TimeInForce.GTC)),
                Gen.weighted(2, Gen.constant(TimeInForce.FOK)), Gen.weighted(1, Gen.constant(TimeInForce.POST_ONLY)));
        final Gen<OrderType> types = Gen.frequency(
                Gen.weighted(10, Gen.constant(OrderType.LIMIT)), Gen.weighted(2, Gen.constant(OrderType.MARKET)),
                Gen.weighted(2, Gen.constant(OrderType.STOP_LIMIT)), Gen.weighted(2, Gen.constant(OrderType.STOP_MARKET)));

        final Gen<Cmd> place = rng -> {
            final long id = placeIds.generate(rng);
            final long account = accounts.generate(rng);
            final Side side = sides.generate(rng);
            final OrderType type = types.generate(rng);
            final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
            final TimeInForce tif = (market ? marketTifs : limitTifs).generate(rng);
            final long price = market ? 0 : prices.generate(rng);
            final long qty = qtys.generate(rng);
            final boolean reduceOnly = (type.hasTriggerPrice() ? often : rarely).generate(rng);
            if (!type.hasTriggerPrice()) {
                return new Place(id, account, side, type, tif, price, qty, reduceOnly, null, 0);
            }
            final TriggerSource source = Gen.enumValues(TriggerSource.class).generate(rng);
            return new Place(id, account, side, type, tif, price, qty, reduceOnly, source, prices.generate(rng));
        };
        final Gen<Cmd> cancel = rng -> {
            final long id = existingIds.generate(rng);
            return new Cancel(id, ownerOr(h, id, accounts).generate(rng));
        };
        final Gen<Cmd> amend = rng -> {
            final long id = existingIds.generate(rng);
            final long account = ownerOr(h, id, accounts).generate(rng);
            final long[] order = h.live.get(id);
            final Gen<Long> newQtys = order == null ? qtys
                    : Gen.frequency(Gen.weighted(4, Gen.longs(-4, 4).map(d -> Math.max(lot, order[1] + d * lot))),
                            Gen.weighted(1, qtys));
            switch (rng.chooseInt(0, 2)) {
                case 0:
                    return new Amend(id, account, prices.generate(rng), OrderBook.KEEP);
                case 1:
                    return new Amend(id, account, OrderBook.KEEP, newQtys.generate(rng));
                default:
                    return new Amend(id, account, prices.generate(rng), newQtys.generate(rng));
            }
        };
        final Gen<Long> referencePrices = Gen.longs(-6, 6).map(k -> base + k * tick);
        return Gen.frequency(
                Gen.weighted(14, place),
                Gen.weighted(3, cancel),
                Gen.weighted(4, amend),
                Gen.weighted(1, accounts.map(CancelAll::new)),
                Gen.weighted(2, referencePrices.map(LastPrice::new)),
                Gen.weighted(2, referencePrices.map(MarkPrice::new)));
    }

    /** Mostly the order's owner (so cancels and amends succeed), sometimes any account. */
    private static Gen<Long> ownerOr(final Harness h, final long id, final Gen<Long> accounts) {
        final long[] order = h.live.get(id);
        if (order == null) {
            return accounts;
        }
        return Gen.frequency(Gen.weighted(6, Gen.constant(order[0])), Gen.weighted(1, accounts));
    }

    private static void check(final String label, final Supplier<Harness> harness) {
        StatefulProperty.<Harness, Cmd>stateDependent(harness, MatchingDifferentialProperties::commands, Harness::apply)
                .length(0, 80)
                .label(label)
                .check();
    }

    // ------------------------------------------------------------------ properties

    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void fastAndNaiveBooksAgreeOnUnitRules(final SelfTradePrevention stp) {
        final BookRules rules = BookRules.unit().withSelfTradePrevention(stp).withMarketProtection(MarketProtection.ticks(3));
        check("MatchingDifferentialProperties.unit." + stp, () -> new Harness(rules));
    }

    @Test
    void fastAndNaiveBooksAgreeWithVenueFilters() {
        final BookRules rules = new BookRules(5, 2, 4, 14, 2_000, SelfTradePrevention.CANCEL_MAKER,
                MarketProtection.bps(250));
        check("MatchingDifferentialProperties.filters", () -> new Harness(rules));
    }

    /**
     * Guards the generators: over a fixed seed, the commands reach every reject and cancel reason, both amend
     * priority outcomes and both trigger sources (otherwise the differential property proves less than it claims).
     */
    @Test
    void theGeneratedCommandsReachEveryOutcome() {
        final Set<String> seen = new TreeSet<>();
        final BookRules unit = BookRules.unit().withSelfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
                .withMarketProtection(MarketProtection.ticks(2));
        final BookRules filters = new BookRules(5, 2, 4, 14, 2_000, SelfTradePrevention.CANCEL_MAKER,
                MarketProtection.bps(250));
        for (final BookRules rules : List.of(unit, filters)) {
            StatefulProperty.<Harness, Cmd>stateDependent(() -> new Harness(rules, seen),
                            MatchingDifferentialProperties::commands, Harness::apply)
                    .length(0, 80).tries(300).seed(20_260_101L).check();
        }
        final Set<String> expected = new TreeSet<>(List.of("Accepted", "Trade", "CancelRejected",
                "Amended:kept", "Amended:lost", "Triggered:LAST", "Triggered:MARK"));
        for (final RejectReason r : RejectReason.values()) {
            if (r != RejectReason.UNKNOWN_ORDER && r != RejectReason.STOP_NOT_AMENDABLE
                    && r != RejectReason.AMEND_QTY_NOT_ABOVE_FILLED) {
                expected.add("Rejected:" + r);
            }
        }
        expected.add("AmendRejected:" + RejectReason.UNKNOWN_ORDER);
        expected.add("AmendRejected:" + RejectReason.STOP_NOT_AMENDABLE);
        expected.add("AmendRejected:" + RejectReason.AMEND_QTY_NOT_ABOVE_FILLED);
        for (final CancelReason r : CancelReason.values()) {
            expected.add("Canceled:" + r);
        }
        assertThat(seen).containsAll(expected);
    }

    @Test
    void fastAndNaiveBooksAgreeWithoutMarketProtection() {
        final BookRules rules = BookRules.unit().withSelfTradePrevention(SelfTradePrevention.CANCEL_BOTH);
        check("MatchingDifferentialProperties.unprotected", () -> new Harness(rules));
    }
}
