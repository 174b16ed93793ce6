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
import dev.tandem.kernel.random.RandomSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Random scripts for one order-manager run: new orders, local cancels/amends, and venue reports that are
 * plausible, duplicated, reordered, late, contradictory or about unknown outcomes. A pure function of the
 * {@link RandomSource}, so a seed replays exactly; kept free of JUnit so it can move onto the shared property
 * harness ({@code dev.tandem.testkit.Property}) unchanged.
 *
 * <p>Reports carry their timestamps from a virtual clock advanced by the {@link Advance} steps. Failure reports are
 * symbolic ({@link FailLatest}): the runner binds them to the command id of the latest matching command, so they
 * hit requests really in flight (or, when {@code stale}, an older one).
 */
final class LifecycleScripts {
    static final String RUN_TAG = "p";
    static final StrategyId STRATEGY = new StrategyId("prop");

    /** One thing that happens during a run. */
    sealed interface Step permits NewOrder, Deliver, FailLatest, Cancel, Amend, CancelAll, Advance {}

    /** The strategy sends a new order; {@code id} is the id the manager will assign. */
    record NewOrder(ClientOrderId id, Side side, long price, long qty) implements Step {}

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

    private LifecycleScripts() {}

    /** A script of about {@code length} steps trading {@code instrument}, starting at {@code startNanos}. */
    static List<Step> generate(final RandomSource r, final Instrument instrument, final long startNanos, final int length) {
        final String venue = instrument.id().venue();
        final ClientOrderIdGenerator ids = new ClientOrderIdGenerator(RUN_TAG);
        final List<NewOrder> orders = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
        final List<Deliver> delivered = new ArrayList<>();
        long now = startNanos;
        final int initial = 1 + r.nextInt(3);
        for (int i = 0; i < initial; i++) {
            final NewOrder o = newOrder(r, ids, instrument);
            orders.add(o);
            steps.add(o);
        }
        // a third of the runs face a flaky venue: many failures (breaker, retries, unknown outcomes), answered by queries
        final boolean flaky = r.nextInt(3) == 0;
        for (int i = 0; i < length; i++) {
            final NewOrder o = orders.get(r.nextInt(orders.size()));
            final ClientOrderId id = o.id();
            final int roll = r.nextInt(100);
            final int dice = flaky && roll < 30 ? 53 + r.nextInt(12) : roll; // failures
            final long ts = now;
            Step s;
            if (flaky && roll >= 97) {
                // an outage: five account-level failures in a row open the breaker, and an order arrives meanwhile
                for (int k = 0; k < 5; k++) {
                    steps.add(new FailLatest(null, RequestKind.QUERY_OPEN_ORDERS, FailureKind.TRANSIENT, 0, false, ts));
                }
                final NewOrder n = newOrder(r, ids, instrument);
                orders.add(n);
                s = n;
            } else if (flaky && roll >= 94) {
                s = new Deliver(new VenueOpenOrders(venue, List.of(), ts, ts)); // answers a probe
            } else if (dice < 13) {
                s = new Deliver(new VenueAccepted(venue, id, "V-" + id.value(), ts, ts));
            } else if (dice < 17) {
                final ReasonCode reason = pick(r, ReasonCode.VENUE_INSUFFICIENT_BALANCE, ReasonCode.VENUE_DUPLICATE_CLIENT_ID,
                        ReasonCode.VENUE_OTHER);
                s = new Deliver(new VenueRejected(venue, id, reason, "random", ts, ts));
            } else if (dice < 37) {
                final long lots = Math.max(1, o.qty() / instrument.lotSize() / 3);
                final long qty = (1 + r.nextLong(lots)) * instrument.lotSize();
                final Side side = r.nextInt(20) == 0 ? o.side().opposite() : o.side();
                final String tradeId = "t" + r.nextInt(6); // a small pool, so repeats (duplicates) happen
                s = new Deliver(new VenueFill(venue, id, "V-" + id.value(), instrument.id(), tradeId, side, o.price(), qty,
                        r.nextLong(100), Liquidity.MAKER, ts, ts));
            } else if (dice < 43) {
                s = new Deliver(new VenueCanceled(venue, id, pick(r, ReasonCode.NONE, ReasonCode.VENUE_SELF_TRADE), ts, ts));
            } else if (dice < 48) {
                final ReasonCode reason = pick(r, ReasonCode.VENUE_ORDER_NOT_FOUND, ReasonCode.VENUE_ALREADY_CLOSED,
                        ReasonCode.VENUE_ALREADY_FILLED, ReasonCode.VENUE_OTHER);
                s = new Deliver(new VenueCancelRejected(venue, id, reason, "random", ts, ts));
            } else if (dice < 50) {
                s = new Deliver(new VenueExpired(venue, id, ts, ts));
            } else if (dice < 52) {
                s = new Deliver(new VenueAmended(venue, id, o.price() - instrument.tickSize(), o.qty(), ts, ts));
            } else if (dice < 53) {
                s = new Deliver(new VenueAmendRejected(venue, id, ReasonCode.VENUE_INVALID_PRICE, "random", ts, ts));
            } else if (dice < 65) {
                final RequestKind kind = pick(r, RequestKind.SUBMIT, RequestKind.SUBMIT, RequestKind.SUBMIT, RequestKind.CANCEL,
                        RequestKind.CANCEL, RequestKind.QUERY_ORDER, RequestKind.QUERY_ORDER, RequestKind.AMEND,
                        RequestKind.QUERY_OPEN_ORDERS, RequestKind.CANCEL_ALL);
                final FailureKind failure = pick(r, FailureKind.TRANSIENT, FailureKind.TRANSIENT, FailureKind.UNKNOWN_OUTCOME,
                        FailureKind.UNKNOWN_OUTCOME, FailureKind.RATE_LIMITED);
                final boolean accountLevel = kind == RequestKind.QUERY_OPEN_ORDERS || kind == RequestKind.CANCEL_ALL;
                s = new FailLatest(accountLevel ? null : id, kind, failure, r.nextLong(3) * 500_000_000L, r.nextInt(7) == 0, ts);
            } else if (dice < 76) {
                final VenueOrder vo;
                if (r.nextInt(5) == 0) {
                    vo = null;
                } else {
                    final VenueOrderStatus status = VenueOrderStatus.values()[r.nextInt(VenueOrderStatus.values().length)];
                    final long filled = r.nextInt(20) == 0
                            ? o.qty() + instrument.lotSize()
                            : status == VenueOrderStatus.FILLED ? o.qty() : r.nextLong(o.qty() / instrument.lotSize() + 1) * instrument.lotSize();
                    vo = new VenueOrder(id, "V-" + id.value(), instrument.id(), o.side(), OrderType.LIMIT, o.price(), o.qty(), filled,
                            filled == 0 ? 0 : o.price(), status);
                }
                s = new Deliver(new VenueOrderStatusReport(venue, id, vo, ts, ts));
            } else if (dice < 84) {
                s = new Cancel(id);
            } else if (dice < 86) {
                s = new Amend(id, o.price() - instrument.tickSize() * (1 + r.nextInt(3)), o.qty() + instrument.lotSize() * r.nextInt(3));
            } else if (dice < 87) {
                s = new CancelAll();
            } else if (dice < 94) {
                final long advance = r.nextInt(10) == 0 ? 61_000_000_000L : 1_000_000L + r.nextLong(2_000_000_000L);
                now += advance;
                s = new Advance(advance);
            } else if (dice < 97 || delivered.isEmpty()) {
                final NewOrder n = newOrder(r, ids, instrument);
                orders.add(n);
                s = n;
            } else {
                s = delivered.get(r.nextInt(delivered.size())); // a duplicate of something already delivered
            }
            if (s instanceof Deliver d) {
                delivered.add(d);
            }
            steps.add(s);
        }
        // reorder: neighbouring reports arrive swapped now and then
        for (int i = initial; i + 1 < steps.size(); i++) {
            if (r.nextInt(10) == 0 && steps.get(i) instanceof Deliver && steps.get(i + 1) instanceof Deliver) {
                final Step a = steps.get(i);
                steps.set(i, steps.get(i + 1));
                steps.set(i + 1, a);
            }
        }
        // finally let every timer chain (retries, queries, breaker) play out
        steps.add(new Advance(400_000_000_000L));
        return steps;
    }

    private static NewOrder newOrder(final RandomSource r, final ClientOrderIdGenerator ids, final Instrument instrument) {
        final Side side = r.nextInt(2) == 0 ? Side.BUY : Side.SELL;
        final long price = instrument.price("50000.00") + instrument.tickSize() * r.nextInt(100);
        final long qty = instrument.lotSize() * (1 + r.nextInt(20));
        return new NewOrder(ids.next(STRATEGY), side, price, Math.max(qty, instrument.minQty()));
    }

    @SafeVarargs
    private static <T> T pick(final RandomSource r, final T... options) {
        return options[r.nextInt(options.length)];
    }
}
