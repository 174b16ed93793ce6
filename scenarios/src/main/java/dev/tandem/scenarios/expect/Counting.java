package dev.tandem.scenarios.expect;

import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the times of the things {@link Expectation.EventCount} counts. */
final class Counting {
    private Counting() {}

    /**
     * The times of {@code what}; {@code reason} (items with a reason code), {@code driftKind} (drifts) and
     * {@code strategy} narrow it when not null.
     */
    static List<Long> times(final RunFacts run, final Expectation.Counted what, final ReasonCode reason, final DriftKind driftKind,
                            final String strategy) {
        final List<Long> out = new ArrayList<>();
        if (what == Expectation.Counted.ORDERS_SENT) {
            for (final RunFacts.SentCommand s : run.sent()) {
                if (s.command() instanceof SubmitOrder o && (strategy == null || o.strategyId().value().equals(strategy))) {
                    out.add(s.nanos());
                }
            }
            return out;
        }
        if (what == Expectation.Counted.RESUBMITS) {
            final Set<ClientOrderId> seen = new LinkedHashSet<>();
            for (final RunFacts.SentCommand s : run.sent()) {
                if (s.command() instanceof SubmitOrder o && !seen.add(o.clientOrderId())
                        && (strategy == null || o.strategyId().value().equals(strategy))) {
                    out.add(s.nanos());
                }
            }
            return out;
        }
        if (what == Expectation.Counted.RETRY_AFTER_VIOLATIONS) {
            // venue times; requests are not attributed to strategies at the venue
            out.addAll(run.venue().executionPort(run.kernelAccount()).retryAfterViolations());
            return out;
        }
        if (what == Expectation.Counted.QUERIES_SENT) {
            // a query names an order, not a strategy: 'strategy' is not applied
            for (final RunFacts.SentCommand s : run.sent()) {
                if (s.command() instanceof QueryOrder) {
                    out.add(s.nanos());
                }
            }
            return out;
        }
        for (final KernelEvent e : run.events()) {
            if (!matches(e, what)) {
                continue;
            }
            if (strategy != null && !(e instanceof OrderEvent oe && oe.strategyId().value().equals(strategy))) {
                continue;
            }
            if (reason != null && reasonOf(e) != reason) {
                continue;
            }
            if (driftKind != null && !(e instanceof DriftDetected d && d.kind() == driftKind)) {
                continue;
            }
            out.add(e.tsInitNanos());
        }
        return out;
    }

    private static boolean matches(final KernelEvent e, final Expectation.Counted what) {
        return switch (what) {
            case DENIED -> e instanceof OrderDenied;
            case REJECTED -> e instanceof OrderRejected;
            case FILLED -> e instanceof OrderFilled;
            case CANCELED -> e instanceof OrderCanceled;
            case RETRIES -> e instanceof OrderRetryScheduled;
            case UNKNOWN_OUTCOMES -> e instanceof OrderStatusUnknown;
            case DRIFTS -> e instanceof DriftDetected;
            case RECONCILIATIONS -> e instanceof ReconciliationCompleted;
            case CANCEL_REJECTED -> e instanceof CancelRejected;
            case ORDERS_SENT, RESUBMITS, QUERIES_SENT, RETRY_AFTER_VIOLATIONS -> false;
        };
    }

    private static ReasonCode reasonOf(final KernelEvent e) {
        if (e instanceof OrderDenied d) {
            return d.reason();
        }
        if (e instanceof OrderRejected r) {
            return r.reason();
        }
        if (e instanceof OrderCanceled c) {
            return c.reason();
        }
        if (e instanceof CancelRejected c) {
            return c.reason();
        }
        return null;
    }
}
