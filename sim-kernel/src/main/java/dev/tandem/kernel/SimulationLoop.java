package dev.tandem.kernel;

import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.port.InboundSink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The single-threaded event loop of a simulation: it merges (1) the kernel's own timers, (2) events and actions
 * scheduled by simulated venues (reports after latency, matching after order-entry latency) and (3) market-data
 * sources read lazily in time order, advances the kernel clock to each item's time and dispatches it.
 *
 * <p>Order at equal times is fixed: kernel timers first, then scheduled items in scheduling order, then source
 * events in source-registration order. Together with seeded randomness this makes a run a pure function of its
 * inputs and seed.
 */
public final class SimulationLoop implements InboundSink {
    private record Item(long timeNanos, long seq, InboundEvent event, Runnable action) {}

    private static final class Source {
        final Iterator<? extends InboundEvent> it;
        InboundEvent head;

        Source(final Iterator<? extends InboundEvent> it) {
            this.it = it;
            this.head = it.hasNext() ? it.next() : null;
        }
    }

    private Kernel kernel;
    private final PriorityQueue<Item> scheduled = new PriorityQueue<>((a, b) -> {
        final int c = Long.compare(a.timeNanos, b.timeNanos);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final List<Source> sources = new ArrayList<>();
    private long seq;
    private long dispatched;

    /** A loop driving this kernel. */
    public SimulationLoop(final Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Hands the loop to another kernel, for a simulated crash and restart: from now on timers are the new kernel's and
     * every event goes to it. Items already scheduled stay scheduled (the venue's work and reports in flight). The new
     * kernel's clock must not be behind the old one's, so nothing scheduled lies in its past.
     */
    public void replaceKernel(final Kernel next) {
        if (next.nowNanos() < kernel.nowNanos()) {
            throw new IllegalArgumentException("the new kernel's clock " + next.nowNanos() + " is behind the loop's " + kernel.nowNanos());
        }
        this.kernel = next;
    }

    /** Kernel time now. */
    public long nowNanos() {
        return kernel.nowNanos();
    }

    /** Adds a time-ordered source of inbound events (e.g. a market-data file reader). */
    public void addSource(final Iterator<? extends InboundEvent> source) {
        sources.add(new Source(source));
    }

    /** Schedules an inbound event at its {@code tsInitNanos} (used by simulated ports to deliver reports). */
    @Override
    public void publish(final InboundEvent event) {
        schedule(event.tsInitNanos(), event, null);
    }

    /** Schedules an action (simulated-venue work) at a time not earlier than now. */
    public void scheduleAction(final long timeNanos, final Runnable action) {
        schedule(timeNanos, null, action);
    }

    private void schedule(final long timeNanos, final InboundEvent event, final Runnable action) {
        if (timeNanos < kernel.nowNanos()) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeNanos + " < now " + kernel.nowNanos());
        }
        scheduled.add(new Item(timeNanos, seq++, event, action));
    }

    /** Runs until nothing is left. Returns the number of items dispatched. */
    public long runToCompletion() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every item and timer due at or before {@code endNanos}, then advances the kernel clock to
     * {@code endNanos} (when finite). Returns the number of items dispatched in this call.
     */
    public long runUntil(final long endNanos) {
        final long before = dispatched;
        while (true) {
            final long timer = kernel.nextTimerNanos();
            final Item item = scheduled.peek();
            final long itemTime = item == null ? Long.MAX_VALUE : item.timeNanos;
            Source src = null;
            long srcTime = Long.MAX_VALUE;
            for (int i = 0; i < sources.size(); i++) { // indexed: runs once per dispatched item
                final Source s = sources.get(i);
                if (s.head != null && s.head.tsInitNanos() < srcTime) {
                    srcTime = s.head.tsInitNanos();
                    src = s;
                }
            }
            final long next = Math.min(timer, Math.min(itemTime, srcTime));
            if (next == Long.MAX_VALUE || next > endNanos) {
                break;
            }
            if (timer <= itemTime && timer <= srcTime) {
                kernel.advanceTo(timer);
            } else if (itemTime <= srcTime) {
                scheduled.poll();
                if (item.event != null) {
                    kernel.onEvent(item.event);
                } else {
                    kernel.advanceTo(item.timeNanos);
                    item.action.run();
                }
            } else {
                final InboundEvent e = src.head;
                src.head = src.it.hasNext() ? src.it.next() : null;
                if (src.head != null && src.head.tsInitNanos() < e.tsInitNanos()) {
                    throw new IllegalStateException("source is not in time order: " + src.head.tsInitNanos() + " after " + e.tsInitNanos());
                }
                kernel.onEvent(e);
            }
            dispatched++;
        }
        if (endNanos != Long.MAX_VALUE && endNanos > kernel.nowNanos()) {
            kernel.advanceTo(endNanos);
        }
        return dispatched - before;
    }

    /** Items waiting in the schedule. */
    public int pending() {
        return scheduled.size();
    }
}
