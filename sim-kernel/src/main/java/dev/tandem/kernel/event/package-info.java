/**
 * Events, split by direction.
 *
 * <p>Inbound ({@link dev.tandem.kernel.event.InboundEvent}): what the world tells the kernel. Venue reports
 * ({@link dev.tandem.kernel.event.ExecutionReport}, named {@code Venue*}) may arrive late, duplicated, out of
 * order, or never; operator commands ({@link dev.tandem.kernel.event.OperatorCommand}); market data lives in
 * {@code dev.tandem.kernel.data}. Every inbound event is journaled with a sequence number.
 *
 * <p>Outbound ({@link dev.tandem.kernel.event.KernelEvent}): what the kernel decided, past tense. Order events
 * ({@link dev.tandem.kernel.event.OrderEvent}) are emitted exactly once per state change, however many times the
 * venue repeats itself. {@code OrderDenied} means our risk engine refused an order before it left the process;
 * {@code OrderRejected} means the venue refused it. The trace hash is a digest of this outbound stream.
 *
 * <p>Every event carries {@code tsEventNanos} (when it happened at its source) and {@code tsInitNanos} (when the
 * kernel saw or created it), UTC epoch nanoseconds.
 */
package dev.tandem.kernel.event;
