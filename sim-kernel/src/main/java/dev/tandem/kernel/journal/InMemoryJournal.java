package dev.tandem.kernel.journal;

import dev.tandem.kernel.event.InboundEvent;
import java.util.ArrayList;
import java.util.List;

/** A journal in memory, with its canonical line form for writing elsewhere and reading back. */
public final class InMemoryJournal implements EventJournal {
    /** One journaled event. */
    public record Entry(long seq, InboundEvent event) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void append(final long seq, final InboundEvent event) {
        if (!entries.isEmpty() && seq <= entries.get(entries.size() - 1).seq()) {
            throw new IllegalStateException("journal sequence must increase: " + seq);
        }
        entries.add(new Entry(seq, event));
    }

    /** Entries in order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The events in order. */
    public List<InboundEvent> events() {
        final List<InboundEvent> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.event()));
        return out;
    }

    /** The journal as canonical lines: {@code <seq> <event>} per line. */
    public List<String> toLines() {
        final CanonicalCodec codec = EventTypes.inboundCodec();
        final List<String> lines = new ArrayList<>(entries.size());
        for (final Entry e : entries) {
            lines.add(e.seq() + " " + codec.encode(e.event()));
        }
        return lines;
    }

    /** Reads lines written by {@link #toLines()}; a bad line fails with its line number. */
    public static InMemoryJournal fromLines(final List<String> lines) {
        final CanonicalCodec codec = EventTypes.inboundCodec();
        final InMemoryJournal j = new InMemoryJournal();
        for (int n = 0; n < lines.size(); n++) {
            final String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            final int space = line.indexOf(' ');
            try {
                if (space <= 0) {
                    throw new IllegalArgumentException("expected '<seq> <event>'");
                }
                j.append(Long.parseLong(line.substring(0, space)), (InboundEvent) codec.decode(line.substring(space + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("journal line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return j;
    }
}
