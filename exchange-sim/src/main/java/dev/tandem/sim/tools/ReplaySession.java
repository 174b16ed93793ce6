package dev.tandem.sim.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.matching.BookRules;
import dev.tandem.sim.matching.BookState;
import dev.tandem.sim.matching.CancelReason;
import dev.tandem.sim.matching.MatchListener;
import dev.tandem.sim.matching.MatchingEngine;
import dev.tandem.sim.matching.RejectReason;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs replay commands through one {@link MatchingEngine} with {@link BookRules#unit()} (tick = lot = 1, no market
 * protection, cancel-taker self-trade prevention) and renders the outputs as JSON text: one trade line per trade,
 * one result line per command, and the final book. No I/O: the caller reads and writes the files.
 */
final class ReplaySession implements MatchListener {
    private final ObjectMapper mapper = new ObjectMapper();
    private final MatchingEngine engine = new MatchingEngine(BookRules.unit(), this);
    private final List<String> trades = new ArrayList<>();
    private final List<String> results = new ArrayList<>();

    private int cmd;
    private long orderId;
    private RejectReason rejected;
    private long canceledQty;
    private CancelReason cancelReason;

    /** Runs the commands in order. */
    void run(final List<ReplayCommand> commands) {
        for (final ReplayCommand c : commands) {
            apply(c);
        }
    }

    /** Runs one command and appends its result line. */
    void apply(final ReplayCommand command) {
        cmd = command.cmd();
        orderId = command.id();
        rejected = null;
        cancelReason = null;
        canceledQty = 0;
        final String op;
        if (command instanceof ReplayCommand.Place) {
            final ReplayCommand.Place p = (ReplayCommand.Place) command;
            op = "place";
            engine.place(p.id(), p.account(), p.side(), p.type(), p.tif(), p.price(), p.qty(), false, null, 0);
        } else if (command instanceof ReplayCommand.Cancel) {
            final ReplayCommand.Cancel c = (ReplayCommand.Cancel) command;
            op = "cancel";
            engine.cancel(c.id(), c.account());
            if (cancelReason == CancelReason.USER) {
                cancelReason = null; // the command's own purpose, not news
            }
        } else {
            final ReplayCommand.Amend a = (ReplayCommand.Amend) command;
            op = "amend";
            engine.amend(a.id(), a.account(), a.price(), a.qty());
        }
        final ObjectNode line = mapper.createObjectNode();
        line.put("cmd", cmd);
        line.put("op", op);
        line.put("id", orderId);
        if (rejected == RejectReason.UNKNOWN_ORDER) {
            line.put("result", "unknown_order");
        } else if (rejected != null) {
            line.put("result", "rejected");
            line.put("reason", rejected.name());
        } else {
            line.put("result", "accepted");
            if (cancelReason != null) {
                line.put("canceled", canceledQty);
                line.put("cancel_reason", cancelReason.name());
            }
        }
        results.add(write(line));
    }

    /** trades.jsonl lines, in execution order. */
    List<String> tradeLines() {
        return trades;
    }

    /** results.jsonl lines, one per command. */
    List<String> resultLines() {
        return results;
    }

    /** book.json: {@code {"bids":[[price,qty,orders],...],"asks":[...]}}, both sides best first. */
    String bookJson() {
        final BookState state = engine.state();
        final ObjectNode book = mapper.createObjectNode();
        levels(book.putArray("bids"), state.bids());
        levels(book.putArray("asks"), state.asks());
        return write(book);
    }

    private static void levels(final ArrayNode out, final List<BookState.Level> levels) {
        for (final BookState.Level level : levels) {
            out.addArray().add(level.price()).add(level.qty()).add(level.orders());
        }
    }

    private String write(final ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of numbers and strings always serializes
        }
    }

    // ------------------------------------------------------------------ MatchListener

    @Override
    public void onRejected(final long id, final long account, final RejectReason reason) {
        rejected = reason;
    }

    @Override
    public void onCancelRejected(final long id, final long account, final RejectReason reason) {
        rejected = reason;
    }

    @Override
    public void onAmendRejected(final long id, final long account, final RejectReason reason) {
        rejected = reason;
    }

    @Override
    public void onTrade(final long takerId, final long takerAccount, final long makerId, final long makerAccount,
                        final Side aggressor, final long price, final long qty, final long takerLeavesQty,
                        final long makerLeavesQty) {
        final ObjectNode line = mapper.createObjectNode();
        line.put("cmd", cmd);
        line.put("taker", takerId);
        line.put("maker", makerId);
        line.put("price", price);
        line.put("qty", qty);
        trades.add(write(line));
    }

    @Override
    public void onCanceled(final long id, final long account, final CancelReason reason, final long qty) {
        if (id == orderId) {
            cancelReason = reason;
            canceledQty = qty;
        }
    }
}
