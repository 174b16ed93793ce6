package dev.tandem.kernel.execution;

import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueExpired;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.testkit.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators ({@link Gen}) of the steps of one order-manager run: new orders, local cancels/amends, and venue
 * reports that are plausible, duplicated, out of order, late, contradictory or about unknown outcomes. Every
 * decision is a harness choice, so a failing run shrinks to a minimal step sequence.
 *
 * <p>A run is {@link #setup()} (the venue's mood and the retry-jitter seed), then steps drawn one at a time by
 * {@link #next(Script)} from what the run knows so far ({@link Script}: the orders sent, the reports delivered, the
 * virtual time), then {@link #SETTLE}. The runner must call {@link Script#applied} after applying each step. Reports
 * carry their timestamps from the virtual clock advanced by the {@link Advance} steps. Failure reports are symbolic
 * ({@link FailLatest}): the runner binds them to the command id of the latest matching command, so they hit
 * requests really in flight (or, when {@code stale}, an older one).
 *
 * <p>Reports are drawn independently of the manager's state, so any report can arrive for an order in any state,
 * and two reports may come in either order (this subsumes the old script's "swap neighbouring reports" pass,
 * which only ever swapped reports with the same timestamp); duplicates re-deliver earlier reports verbatim.
 */
final class LifecycleScripts {
    static final String RUN_TAG = "p";
    static final StrategyId STRATEGY = new StrategyId("prop");
    /** The last step of every run: let every timer chain (retries, queries, breaker) play out. */
    static final Advance SETTLE = new Advance(400_000_000_000L);

    /** One thing that happens during a run. */
    sealed interface Step permits Setup, NewOrder, Deliver, FailLatest, Cancel, Amend, CancelAll, Advance, Outage {}

    /**
     * The first step of a run: the seed of the manager's retry jitter; whether the venue is flaky (a third of the
     * runs: many failures, breaker trips, retries and unknown outcomes, answered by queries); how many orders are
     * sent before anything else happens.
     */
    record Setup(long jitterSeed, boolean flaky, int initialOrders) implements Step {}

    /**
     * The strategy sends a new order; {@code id} is the id the manager will assign. If the order has to wait in the
     * local queue, the risk re-check on leaving it denies it when {@code deniedOnRecheck} (a quarter of the orders).
     */
    record NewOrder(ClientOrderId id, Side side, long price, long qty, boolean deniedOnRecheck) implements Step {}

    /** A venue report arrives. */
    record Deliver(ExecutionReport report) implements Step {}

    /** A request of an order (or the account: id null) fails; bound to the latest command of that kind. */
    record FailLatest(ClientOrderId id, RequestKind kind, FailureKind failure, long retryAfterNanos, boolean stale, long tsNanos)
            implements Step {}

    /** The strategy cancels an order. */
    record Cancel(ClientOrderId id) implements Step {}

    /** The strategy amends an order. */
    record Amend(ClientOrderId id, long price, long qty) implements Step {}

    /** The risk engine cancels everything on the instrument. */
    record CancelAll() implements Step {}

    /** Kernel time passes (timers fire). */
    record Advance(long nanos) implements Step {}

    /**
     * An outage of a flaky venue: {@link #OUTAGE_FAILURES} account-level failures in a row open the breaker, and
     * {@code order} arrives meanwhile.
     */
    record Outage(long tsNanos, NewOrder order) implements Step {}

    static final int OUTAGE_FAILURES = 5;

    /** What a run knows while its steps are drawn; {@link #applied} keeps it up to date. */
    static final class Script {
        final Instrument instrument;
        final String venue;
        Setup setup;
        final List<NewOrder> orders = new ArrayList<>();
        final List<Deliver> delivered = new ArrayList<>();
        long now;

        Script(final Instrument instrument, final long startNanos) {
            this.instrument = instrument;
            this.venue = instrument.id().venue();
            this.now = startNanos;
        }

        /** Records a step the runner has just applied. */
        void applied(final Step s) {
            if (s instanceof Setup x) {
                setup = x;
            } else if (s instanceof NewOrder n) {
                orders.add(n);
            } else if (s instanceof Outage o) {
                orders.add(o.order());
            } else if (s instanceof Deliver d) {
                delivered.add(d);
            } else if (s instanceof Advance a) {
                now += a.nanos();
            }
        }

        /** The id the manager assigns to the next order (ids are per strategy and sequential). */
        ClientOrderId nextId() {
            return new ClientOrderId(RUN_TAG + "-" + STRATEGY.value() + "-" + ClientOrderIdGenerator.counter(orders.size() + 1L));
        }
    }

    private LifecycleScripts() {}

    /** The first step of every run. */
    static Gen<Setup> setup() {
        return Gen.zip(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.booleans(1.0 / 3), Gen.ints(1, 3), Setup::new);
    }

    /**
     * The next step of a run (after its {@link Setup}). The weights are percentages, as in the script this replaces:
     * a steady venue mostly acknowledges, fills and answers queries; a flaky one fails 42 % of the time, sees outages
     * and answers breaker probes, and never sends acks, rejects or new orders of its own accord.
     */
    static Gen<Step> next(final Script s) {
        if (s.orders.size() < s.setup.initialOrders()) {
            return newOrder(s).map(Step.class::cast);
        }
        final boolean flaky = s.setup.flaky();
        final List<Gen.Weighted<Step>> alternatives = new ArrayList<>();
        // steady, flaky weight; the first alternative is where shrinking goes
        add(alternatives, flaky ? 0 : 13, perOrder(s, o -> accepted(s, o)));
        add(alternatives, flaky ? 7 : 20, perOrder(s, o -> fill(s, o)));
        add(alternatives, flaky ? 0 : 4, perOrder(s, o -> rejected(s, o)));
        add(alternatives, 6, perOrder(s, o -> canceled(s, o)));
        add(alternatives, 5, perOrder(s, o -> cancelRejected(s, o)));
        add(alternatives, 2, perOrder(s, o -> Gen.constant(new Deliver(new VenueExpired(s.venue, o.id(), s.now, s.now)))));
        add(alternatives, 2, perOrder(s, o -> Gen.constant(new Deliver(
                new VenueAmended(s.venue, o.id(), o.price() - s.instrument.tickSize(), o.qty(), s.now, s.now)))));
        add(alternatives, 1, perOrder(s, o -> Gen.constant(new Deliver(
                new VenueAmendRejected(s.venue, o.id(), ReasonCode.VENUE_INVALID_PRICE, "random", s.now, s.now)))));
        add(alternatives, flaky ? 42 : 12, perOrder(s, o -> failLatest(s, o)));
        add(alternatives, 11, perOrder(s, o -> statusReport(s, o)));
        add(alternatives, 8, perOrder(s, o -> Gen.constant(new Cancel(o.id()))));
        add(alternatives, 2, perOrder(s, o -> amend(s, o)));
        add(alternatives, 1, Gen.constant(new CancelAll()));
        add(alternatives, 7, advance());
        if (flaky) {
            add(alternatives, 3, Gen.constant(new Deliver(new VenueOpenOrders(s.venue, List.of(), s.now, s.now)))); // answers a probe
            add(alternatives, 3, newOrder(s).map(n -> new Outage(s.now, n)));
        } else if (s.delivered.isEmpty()) {
            add(alternatives, 6, newOrder(s));
        } else {
            add(alternatives, 3, newOrder(s));
            add(alternatives, 3, Gen.elements(s.delivered)); // a duplicate of something already delivered
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        final Gen.Weighted<Step>[] array = alternatives.toArray(new Gen.Weighted[0]);
        return Gen.frequency(array);
    }

    private static void add(final List<Gen.Weighted<Step>> alternatives, final int weight, final Gen<? extends Step> gen) {
        if (weight > 0) {
            alternatives.add(Gen.weighted(weight, gen));
        }
    }

    /** A step about one of the orders sent so far (shrinks towards the first order). */
    private static Gen<Step> perOrder(final Script s, final java.util.function.Function<NewOrder, Gen<? extends Step>> f) {
        return Gen.elements(s.orders).flatMap(f);
    }

    private static Gen<NewOrder> newOrder(final Script s) {
        final Instrument i = s.instrument;
        final ClientOrderId id = s.nextId();
        return rng -> {
            final Side side = rng.weightedBoolean(0.5) ? Side.SELL : Side.BUY;
            final long price = i.price("50000.00") + i.tickSize() * rng.choose(0, 99);
            final long qty = i.lotSize() * rng.choose(1, 20);
            return new NewOrder(id, side, price, Math.max(qty, i.minQty()), rng.weightedBoolean(0.25));
        };
    }

    private static Gen<Step> accepted(final Script s, final NewOrder o) {
        return Gen.constant(new Deliver(new VenueAccepted(s.venue, o.id(), "V-" + o.id().value(), s.now, s.now)));
    }

    private static Gen<Step> rejected(final Script s, final NewOrder o) {
        return Gen.oneOf(ReasonCode.VENUE_INSUFFICIENT_BALANCE, ReasonCode.VENUE_DUPLICATE_CLIENT_ID, ReasonCode.VENUE_OTHER)
                .map(reason -> new Deliver(new VenueRejected(s.venue, o.id(), reason, "random", s.now, s.now)));
    }

    private static Gen<Step> fill(final Script s, final NewOrder o) {
        final Instrument i = s.instrument;
        final long lots = Math.max(1, o.qty() / i.lotSize() / 3);
        return rng -> {
            final long qty = rng.choose(1, lots) * i.lotSize();
            final Side side = rng.weightedBoolean(0.05) ? o.side().opposite() : o.side();
            final String tradeId = "t" + rng.chooseInt(0, 5); // a small pool, so repeats (duplicates) happen
            final long fee = rng.choose(0, 99);
            return new Deliver(new VenueFill(s.venue, o.id(), "V-" + o.id().value(), i.id(), tradeId, side, o.price(), qty, fee,
                    Liquidity.MAKER, s.now, s.now));
        };
    }

    private static Gen<Step> canceled(final Script s, final NewOrder o) {
        return Gen.oneOf(ReasonCode.NONE, ReasonCode.VENUE_SELF_TRADE)
                .map(reason -> new Deliver(new VenueCanceled(s.venue, o.id(), reason, s.now, s.now)));
    }

    private static Gen<Step> cancelRejected(final Script s, final NewOrder o) {
        return Gen.oneOf(ReasonCode.VENUE_ORDER_NOT_FOUND, ReasonCode.VENUE_ALREADY_CLOSED, ReasonCode.VENUE_ALREADY_FILLED,
                        ReasonCode.VENUE_OTHER)
                .map(reason -> new Deliver(new VenueCancelRejected(s.venue, o.id(), reason, "random", s.now, s.now)));
    }

    private static Gen<Step> failLatest(final Script s, final NewOrder o) {
        final Gen<RequestKind> kinds = Gen.oneOf(RequestKind.SUBMIT, RequestKind.SUBMIT, RequestKind.SUBMIT, RequestKind.CANCEL,
                RequestKind.CANCEL, RequestKind.QUERY_ORDER, RequestKind.QUERY_ORDER, RequestKind.AMEND,
                RequestKind.QUERY_OPEN_ORDERS, RequestKind.CANCEL_ALL);
        final Gen<FailureKind> failures = Gen.oneOf(FailureKind.TRANSIENT, FailureKind.TRANSIENT, FailureKind.UNKNOWN_OUTCOME,
                FailureKind.UNKNOWN_OUTCOME, FailureKind.RATE_LIMITED);
        return rng -> {
            final RequestKind kind = kinds.generate(rng);
            final FailureKind failure = failures.generate(rng);
            final boolean accountLevel = kind == RequestKind.QUERY_OPEN_ORDERS || kind == RequestKind.CANCEL_ALL;
            return new FailLatest(accountLevel ? null : o.id(), kind, failure, rng.choose(0, 2) * 500_000_000L,
                    rng.weightedBoolean(1.0 / 7), s.now);
        };
    }

    private static Gen<Step> statusReport(final Script s, final NewOrder o) {
        final Instrument i = s.instrument;
        final VenueOrderStatus[] statuses = VenueOrderStatus.values();
        return rng -> {
            VenueOrder vo = null;
            if (!rng.weightedBoolean(0.2)) { // a fifth of the answers: the venue does not know the order
                final VenueOrderStatus status = statuses[rng.chooseInt(0, statuses.length - 1)];
                final long filled = rng.weightedBoolean(0.05)
                        ? o.qty() + i.lotSize() // more than the order's quantity
                        : status == VenueOrderStatus.FILLED ? o.qty() : rng.choose(0, o.qty() / i.lotSize()) * i.lotSize();
                vo = new VenueOrder(o.id(), "V-" + o.id().value(), i.id(), o.side(), OrderType.LIMIT, o.price(), o.qty(), filled,
                        filled == 0 ? 0 : o.price(), status);
            }
            return new Deliver(new VenueOrderStatusReport(s.venue, o.id(), vo, s.now, s.now));
        };
    }

    private static Gen<Step> amend(final Script s, final NewOrder o) {
        final Instrument i = s.instrument;
        return rng -> new Amend(o.id(), o.price() - i.tickSize() * rng.choose(1, 3), o.qty() + i.lotSize() * rng.choose(0, 2));
    }

    private static Gen<Step> advance() {
        return rng -> new Advance(rng.weightedBoolean(0.1) ? 61_000_000_000L : rng.choose(1_000_000L, 2_000_999_999L));
    }
}
