package dev.tandem.sim.data;

import dev.tandem.kernel.data.MarketData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/** Combinators over {@link MarketDataSource}s. */
public final class MarketDataSources {
    private MarketDataSources() {}

    /**
     * Merges time-ordered sources into one, ordered by {@code tsInitNanos} (the time a record reaches the kernel),
     * then {@code tsEventNanos}; ties keep the order of {@code sources} (earlier source first) and each source's own
     * order, so the merge is deterministic. Lazy: holds one look-ahead record per source. Closing the merge closes
     * every source; its problems are the sources' problems in source order.
     *
     * @param name    the merged source's name
     * @param sources the sources, each already time-ordered
     */
    public static MarketDataSource<MarketData> merge(final String name,
            final List<? extends MarketDataSource<? extends MarketData>> sources) {
        return new Merged(name, List.copyOf(sources));
    }

    /** Reads a source to the end into a list (for tests and small files). */
    public static <T extends MarketData> List<T> toList(final MarketDataSource<T> source) {
        final List<T> out = new ArrayList<>();
        while (source.hasNext()) {
            out.add(source.next());
        }
        return out;
    }

    private static final class Merged implements MarketDataSource<MarketData> {
        private final String name;
        private final List<? extends MarketDataSource<? extends MarketData>> sources;
        private final MarketData[] heads;

        Merged(final String name, final List<? extends MarketDataSource<? extends MarketData>> sources) {
            this.name = name;
            this.sources = sources;
            this.heads = new MarketData[sources.size()];
        }

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        public boolean hasNext() {
            return pick() >= 0;
        }

        @Override
        public MarketData next() {
            final int i = pick();
            if (i < 0) {
                throw new NoSuchElementException(name + ": no more records");
            }
            final MarketData r = heads[i];
            heads[i] = null;
            return r;
        }

        private int pick() {
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] == null && sources.get(i).hasNext()) {
                    heads[i] = sources.get(i).next();
                }
                final MarketData h = heads[i];
                if (h != null && (best < 0 || before(h, heads[best]))) {
                    best = i;
                }
            }
            return best;
        }

        private static boolean before(final MarketData a, final MarketData b) {
            if (a.tsInitNanos() != b.tsInitNanos()) {
                return a.tsInitNanos() < b.tsInitNanos();
            }
            return a.tsEventNanos() < b.tsEventNanos();
        }

        @Override
        public List<DataProblem> problems() {
            final List<DataProblem> all = new ArrayList<>();
            for (final MarketDataSource<? extends MarketData> s : sources) {
                all.addAll(s.problems());
            }
            return Collections.unmodifiableList(all);
        }

        @Override
        public long problemCount() {
            long n = 0;
            for (final MarketDataSource<? extends MarketData> s : sources) {
                n += s.problemCount();
            }
            return n;
        }

        @Override
        public void close() {
            RuntimeException first = null;
            for (final MarketDataSource<? extends MarketData> s : sources) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
