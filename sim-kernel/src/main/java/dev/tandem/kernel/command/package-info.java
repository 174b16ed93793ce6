/**
 * Commands: what the kernel asks a venue to do, through an {@link dev.tandem.kernel.port.ExecutionPort}.
 * Imperative names, immutable records under the sealed {@link dev.tandem.kernel.command.Command}; each carries a
 * {@code commandId} (a kernel counter) and {@code tsInitNanos} (kernel time when it was created).
 */
package dev.tandem.kernel.command;
