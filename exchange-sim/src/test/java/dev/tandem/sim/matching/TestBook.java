package dev.tandem.sim.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fixture for hand-written matching tests: a {@link MatchingEngine} with a {@link RecordingListener} (also
 * its reduce-only guard), short placement helpers, and a readable rendering of levels:
 * {@code "100 x5 [1:2 3:3]"} is price 100, total 5, order 1 with 2 left then order 3 with 3 left.
 */
final class TestBook {
    final RecordingListener out = new RecordingListener();
    final MatchingEngine book;

    TestBook(final BookRules rules) {
        book = new MatchingEngine(rules, out, out);
    }

    static TestBook unit() {
        return new TestBook(BookRules.unit());
    }

    /** Places a resting GTC limit order and forgets its events (setup). */
    TestBook rest(final long id, final long account, final Side side, final long price, final long qty) {
        assertThat(book.placeLimit(id, account, side, TimeInForce.GTC, price, qty)).as("setup order %d", id).isTrue();
        out.drain();
        return this;
    }

    TestBook ask(final long id, final long price, final long qty) {
        return rest(id, 100 + id, Side.SELL, price, qty);
    }

    TestBook bid(final long id, final long price, final long qty) {
        return rest(id, 100 + id, Side.BUY, price, qty);
    }

    boolean limit(final long id, final long account, final Side side, final TimeInForce tif, final long price,
                  final long qty) {
        return book.placeLimit(id, account, side, tif, price, qty);
    }

    boolean market(final long id, final long account, final Side side, final TimeInForce tif, final long qty) {
        return book.place(id, account, side, OrderType.MARKET, tif, 0, qty, false, null, 0);
    }

    boolean stop(final long id, final long account, final Side side, final OrderType type, final TimeInForce tif,
                 final long price, final long qty, final TriggerSource source, final long trigger) {
        return book.place(id, account, side, type, tif, price, qty, false, source, trigger);
    }

    List<RecordingListener.Event> drain() {
        return out.drain();
    }

    /** Levels of one side, best first, rendered as {@code "price xTotal [id:leaves ...]"}. */
    List<String> levels(final Side side) {
        final BookState state = book.state();
        final List<String> rendered = new ArrayList<>();
        for (final BookState.Level level : side == Side.BUY ? state.bids() : state.asks()) {
            final StringBuilder sb = new StringBuilder().append(level.price()).append(" x").append(level.qty()).append(" [");
            for (int i = 0; i < level.queue().size(); i++) {
                final BookState.Entry e = level.queue().get(i);
                sb.append(i == 0 ? "" : " ").append(e.id()).append(':').append(e.leaves());
            }
            rendered.add(sb.append(']').toString());
        }
        BookInvariants.assertWellFormed(state);
        return rendered;
    }

    List<String> bids() {
        return levels(Side.BUY);
    }

    List<String> asks() {
        return levels(Side.SELL);
    }

    static RecordingListener.Trade trade(final long taker, final long takerAccount, final long maker,
                                         final long makerAccount, final Side aggressor, final long price,
                                         final long qty, final long takerLeaves, final long makerLeaves) {
        return new RecordingListener.Trade(taker, takerAccount, maker, makerAccount, aggressor, price, qty, takerLeaves,
                makerLeaves);
    }
}
