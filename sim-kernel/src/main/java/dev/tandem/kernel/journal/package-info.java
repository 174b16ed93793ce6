/**
 * Journal, trace hash and state digest. Every inbound event gets a sequence number and can be appended to an
 * {@link dev.tandem.kernel.journal.EventJournal} before it is handled; replaying the journal into a fresh kernel
 * with the same configuration and seed rebuilds the same state, checked by {@link dev.tandem.kernel.digest.StateDigest}.
 * The {@link dev.tandem.kernel.journal.TraceHash} is a digest of the binary encoding ({@link dev.tandem.kernel.journal.TraceEncoding})
 * of every outbound event.
 */
package dev.tandem.kernel.journal;
