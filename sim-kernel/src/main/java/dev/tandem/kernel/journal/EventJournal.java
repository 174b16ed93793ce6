package dev.tandem.kernel.journal;

import dev.tandem.kernel.event.InboundEvent;

/**
 * Where the kernel appends every inbound event, with its sequence number, BEFORE handling it. Implementations
 * outside the kernel persist it (a file, with fsync policy, in the live runner); {@link InMemoryJournal} keeps it in
 * memory for tests and replays.
 */
public interface EventJournal {
    /** Appends one event. */
    void append(long seq, InboundEvent event);

    /** A journal that keeps nothing (when no replay is needed). */
    EventJournal NONE = (seq, event) -> {};
}
