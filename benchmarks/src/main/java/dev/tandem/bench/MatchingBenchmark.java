package dev.tandem.bench;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.sim.matching.BookRules;
import dev.tandem.sim.matching.CancelReason;
import dev.tandem.sim.matching.MatchListener;
import dev.tandem.sim.matching.MatchingEngine;
import dev.tandem.sim.matching.OrderBook;
import dev.tandem.sim.matching.RejectReason;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching throughput of exchange-sim's {@link MatchingEngine} alone (no venue, no ledger, no kernel), single
 * thread: a seeded mixed sequence of {@value #COMMANDS} commands (GTC limit places, IOC limit places, cancels,
 * amends), pre-generated at trial set-up with {@link RandomSource}, replayed per invocation on a fresh engine. The
 * engine is built in a {@code Level.Invocation} set-up, so its construction is not timed and the book never grows
 * beyond what one pass of the sequence leaves in it. Score: commands per second.
 *
 * <p>The sequence is generated against an engine of its own, so cancels and amends target orders that are live at
 * that point (a few are already filled by the time they come, as in real order flow; those are refused as unknown
 * and still count as commands). The mix and its outcomes are printed at set-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MatchingBenchmark {
    /** Commands per invocation (at least 10 000, per the issue). */
    static final int COMMANDS = 16_384;

    static final byte PLACE = 0;
    static final byte CANCEL = 1;
    static final byte AMEND = 2;

    /** Mid price in ticks (tick = lot = 1). */
    private static final long MID = 100_000;
    private static final int ACCOUNTS = 8;

    private final byte[] op = new byte[COMMANDS];
    private final long[] id = new long[COMMANDS];
    private final long[] account = new long[COMMANDS];
    private final Side[] side = new Side[COMMANDS];
    private final TimeInForce[] tif = new TimeInForce[COMMANDS];
    private final long[] price = new long[COMMANDS];
    private final long[] qty = new long[COMMANDS];

    private final BookRules rules = BookRules.unit();
    private final Counting listener = new Counting();
    private MatchingEngine engine;

    /** Counts what the engine reports; a listener that does a little work, as a venue's would. */
    static final class Counting implements MatchListener {
        long accepted;
        long rejected;
        long trades;
        long tradedQty;
        long canceled;
        long amended;

        @Override
        public void onAccepted(final long orderId, final long account, final Side side, final long price, final long qty) {
            accepted++;
        }

        @Override
        public void onRejected(final long orderId, final long account, final RejectReason reason) {
            rejected++;
        }

        @Override
        public void onCancelRejected(final long orderId, final long account, final RejectReason reason) {
            rejected++;
        }

        @Override
        public void onAmendRejected(final long orderId, final long account, final RejectReason reason) {
            rejected++;
        }

        @Override
        public void onTrade(final long takerId, final long takerAccount, final long makerId, final long makerAccount,
                            final Side aggressor, final long price, final long qty, final long takerLeavesQty,
                            final long makerLeavesQty) {
            trades++;
            tradedQty += qty;
        }

        @Override
        public void onCanceled(final long orderId, final long account, final CancelReason reason, final long canceledQty) {
            canceled++;
        }

        @Override
        public void onAmended(final long orderId, final long account, final long price, final long qty,
                              final long leavesQty, final boolean priorityKept) {
            amended++;
        }

        void reset() {
            accepted = 0;
            rejected = 0;
            trades = 0;
            tradedQty = 0;
            canceled = 0;
            amended = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        final RandomSource rnd = RandomSource.seeded(BenchFixtures.SEED);
        final Counting genListener = new Counting();
        final MatchingEngine gen = new MatchingEngine(rules, genListener);
        final long[] live = new long[COMMANDS];
        final long[] liveAccount = new long[COMMANDS];
        final Side[] liveSide = new Side[COMMANDS];
        int liveCount = 0;
        long nextId = 1;
        long mid = MID;
        int places = 0;
        int iocs = 0;
        int cancels = 0;
        int amends = 0;
        for (int i = 0; i < COMMANDS; i++) {
            // the mid drifts a tick now and then, so levels come and go
            if (rnd.nextBoolean(0.05)) {
                mid += rnd.nextBoolean(0.5) ? 1 : -1;
            }
            final int roll = rnd.nextInt(100);
            int target = -1;
            if (roll >= 55) {
                // cancel or amend: a random order that is live now (drop the ones that have filled meanwhile)
                while (liveCount > 0 && target < 0) {
                    final int k = rnd.nextInt(liveCount);
                    if (gen.isLive(live[k])) {
                        target = k;
                    } else {
                        liveCount--;
                        live[k] = live[liveCount];
                        liveAccount[k] = liveAccount[liveCount];
                        liveSide[k] = liveSide[liveCount];
                    }
                }
            }
            if (target < 0) {
                final boolean ioc = roll < 10;
                final Side s = rnd.nextBoolean(0.5) ? Side.BUY : Side.SELL;
                final long sign = s == Side.BUY ? -1 : 1;
                final long offset;
                if (ioc) {
                    offset = -1 - rnd.nextLong(8);         // through the touch: takes
                } else if (rnd.nextBoolean(0.15)) {
                    offset = -rnd.nextLong(4);             // at or through the mid: may take, then rests
                } else {
                    offset = 1 + rnd.nextLong(20);         // passive: rests
                }
                op[i] = PLACE;
                id[i] = nextId++;
                account[i] = 1 + rnd.nextInt(ACCOUNTS);
                side[i] = s;
                tif[i] = ioc ? TimeInForce.IOC : TimeInForce.GTC;
                price[i] = mid + sign * offset;
                qty[i] = 1 + rnd.nextLong(10);
                if (ioc) {
                    iocs++;
                } else {
                    places++;
                }
                gen.place(id[i], account[i], s, OrderType.LIMIT, tif[i], price[i], qty[i], false, null, 0);
                if (!ioc && gen.isLive(id[i])) {
                    live[liveCount] = id[i];
                    liveAccount[liveCount] = account[i];
                    liveSide[liveCount] = s;
                    liveCount++;
                }
            } else if (roll < 85) {
                op[i] = CANCEL;
                id[i] = live[target];
                account[i] = liveAccount[target];
                cancels++;
                gen.cancel(id[i], account[i]);
                liveCount--;
                live[target] = live[liveCount];
                liveAccount[target] = liveAccount[liveCount];
                liveSide[target] = liveSide[liveCount];
            } else {
                op[i] = AMEND;
                id[i] = live[target];
                account[i] = liveAccount[target];
                amends++;
                if (rnd.nextBoolean(0.5)) {
                    // quantity down (keeps priority) when there is room, else up
                    final long total = gen.leavesQty(id[i]) + gen.filledQty(id[i]);
                    price[i] = OrderBook.KEEP;
                    qty[i] = total > gen.filledQty(id[i]) + 1 ? total - 1 : total + 1 + rnd.nextLong(5);
                } else {
                    // a new passive price (loses priority)
                    final Side s = liveSide[target];
                    final long sign = s == Side.BUY ? -1 : 1;
                    price[i] = mid + sign * (1 + rnd.nextLong(20));
                    qty[i] = OrderBook.KEEP;
                }
                gen.amend(id[i], account[i], price[i], qty[i]);
            }
        }
        System.out.printf("%nMatchingBenchmark sequence: %d commands: %d GTC places, %d IOC places, %d cancels, %d amends;"
                        + " accepted %d, refused %d, trades %d, canceled %d, amended %d, %d orders left on the book%n",
                COMMANDS, places, iocs, cancels, amends, genListener.accepted, genListener.rejected, genListener.trades,
                genListener.canceled, genListener.amended, gen.liveOrderCount());
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        listener.reset();
        engine = new MatchingEngine(rules, listener);
    }

    /** One pass of the sequence on a fresh engine; the score is per command. */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long mixed() {
        final MatchingEngine e = engine;
        for (int i = 0; i < COMMANDS; i++) {
            switch (op[i]) {
                case PLACE -> e.place(id[i], account[i], side[i], OrderType.LIMIT, tif[i], price[i], qty[i], false, null, 0);
                case CANCEL -> e.cancel(id[i], account[i]);
                default -> e.amend(id[i], account[i], price[i], qty[i]);
            }
        }
        return listener.trades + listener.tradedQty + e.liveOrderCount();
    }
}
