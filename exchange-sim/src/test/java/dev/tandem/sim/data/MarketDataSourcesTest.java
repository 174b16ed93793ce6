package dev.tandem.sim.data;

import static dev.tandem.sim.data.TestData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MarketDataSourcesTest {
    private static final Instrument BTC = TestData.bitstampBtcUsd();

    @Test
    void mergesByInitTimeWithTiesInSourceOrder() {
        final var a = new BitstampTradeCsvReader(text("timestamp,price,amount\n1,10,1\n3,10,1\n3,11,1\n"), "a", BTC);
        final var b = new BitstampTradeCsvReader(text("timestamp,price,amount\n0,20,1\n3,20,1\n4,20,1\n"), "b", BTC);
        try (MarketDataSource<MarketData> m = MarketDataSources.merge("ab", List.of(a, b))) {
            final List<String> order = new ArrayList<>();
            while (m.hasNext()) {
                final TradeTick t = (TradeTick) m.next();
                order.add(t.price() / 100 + "@" + t.tsEventNanos() / 1_000_000_000L);
            }
            assertThat(order).containsExactly("20@0", "10@1", "10@3", "11@3", "20@3", "20@4");
            assertThatThrownBy(m::next).isInstanceOf(NoSuchElementException.class);
            assertThat(m.sourceName()).isEqualTo("ab");
        }
    }

    @Test
    void mergedProblemsAndCloseReachEverySource() {
        final boolean[] closed = new boolean[2];
        final var a = new BitstampTradeCsvReader(closing("timestamp,price,amount\n1,x,1\n2,10,1\n", closed, 0), "a", BTC,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP));
        final var b = new BitstampTradeCsvReader(closing("timestamp,price,amount\n1,10,y\n", closed, 1), "b", BTC,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP));
        final MarketDataSource<MarketData> m = MarketDataSources.merge("ab", List.of(a, b));
        assertThat(MarketDataSources.toList(m)).hasSize(1);
        assertThat(m.problemCount()).isEqualTo(2);
        assertThat(m.problems()).extracting(Object::toString)
                .containsExactly("a line 2: price 'x' is not a number", "b line 2: amount 'y' is not a number");
        m.close();
        m.close();
        assertThat(closed).containsExactly(true, true);
    }

    private static StringReader closing(final String s, final boolean[] flags, final int i) {
        return new StringReader(s) {
            @Override
            public void close() {
                flags[i] = true;
                super.close();
            }
        };
    }

    @Test
    void ioErrorsAreUncheckedAndNameTheSource() {
        final java.io.Reader broken = new java.io.Reader() {
            @Override
            public int read(final char[] buf, final int off, final int len) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {}
        };
        try (var r = new BitstampTradeCsvReader(broken, "gone.csv", BTC)) {
            assertThatThrownBy(r::hasNext).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessage("gone.csv line 1: read failed");
        }
    }
}
