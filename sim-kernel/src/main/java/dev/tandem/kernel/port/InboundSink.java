package dev.tandem.kernel.port;

import dev.tandem.kernel.event.InboundEvent;

/**
 * Where port implementations deliver what the world says. In simulation it schedules the event on the
 * simulation loop at its {@code tsInitNanos}; live, network threads enqueue onto the kernel thread's inbound queue.
 */
@FunctionalInterface
public interface InboundSink {
    /** Delivers one event; must not block the caller for long. */
    void publish(InboundEvent event);
}
