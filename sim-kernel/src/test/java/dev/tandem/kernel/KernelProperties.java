package dev.tandem.kernel;

import static dev.tandem.kernel.KernelScenarios.INSTRUMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.KernelScenarios.Plan;
import dev.tandem.kernel.KernelScenarios.PlannedStrategy;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderAmended;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderPendingCancel;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.execution.Order;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.execution.OrderStateMachine;
import dev.tandem.kernel.execution.OrderTrigger;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import dev.tandem.testkit.Property;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Properties of the whole kernel over generated scenarios ({@link KernelScenarios}): random markets on the tick
 * grid (bars, quotes, books, marks, trades; small moves and jumps), random strategies with random (often invalid,
 * far-off, bursty, reduce-only) intents and random reactions (cancel, amend, close, a rogue resubmit loop, timers),
 * random risk limits through {@link RiskLimits#builder()}, random execution settings, two venues with random faults
 * (transient failures, rate limits, outages, lost requests and answers, duplicated and late reports, rejections,
 * passive and late fills, unsolicited cancels and expiries, positions changed behind our back), operator commands
 * (kill switch engage/disengage, pause/resume, close position, reconcile), external fills and funding; some runs
 * cross a UTC midnight.
 *
 * <p>Invariants, checked while the run goes (at every outbound event and every command reaching a venue) and after
 * every step:
 * <ol type="a">
 *   <li>every order reaching a venue satisfies every risk limit, recomputed independently (exact decimals) from the
 *       kernel's state at the moment it passed risk (at OrderSubmitted, and when the venue gets the first attempt —
 *       for a queued order that is its re-check); a reduce-only flatten of strategy "risk" only needs valid filters
 *       and must reduce (the documented exception);</li>
 *   <li>while HALTED no strategy order (first attempt, not from "risk") reaches a venue; nor does any new order reach
 *       a venue whose breaker is not CLOSED, nor a queued order after its TTL;</li>
 *   <li>while REDUCING no order reaching a venue can increase |position|;</li>
 *   <li>per-strategy and global order rates hold in every sliding window, counted on OrderSubmitted and at the venue;
 *       and no request at all reaches a venue during its rate-limit backoff;</li>
 *   <li>each position is the signed sum of applied fills (OrderFilled, external fills) plus the adoptions of
 *       reconciliation, equals the last PositionChanged, and {@link Kernel#checkInvariants()} is empty;</li>
 *   <li>every order's event sequence replays legally through {@link OrderStateMachine}, reaches at most one terminal
 *       state, adds up its fills and ends where the order manager says it is; retries repeat the first attempt
 *       exactly, within budget, never after an unknown outcome; strategies see their order events in trace order;</li>
 *   <li>outbound events carry the kernel time, never going back; the same scenario twice gives the same events, trace
 *       hash, state digest, journal and commands;</li>
 *   <li>replaying the journal (as is, and through {@code toLines}/{@code fromLines}) into a fresh kernel with the
 *       same configuration and fresh strategies but silent {@code RecordingExecutionPort}s, then advancing to the
 *       original's final time, reproduces the state digest, the trace hash, the outbound events and every command.</li>
 * </ol>
 * Tries come from {@code -Dtandem.tries} (the build passes 200: 5-10 s for the class on two cores; a soak with
 * {@code -Dtandem.tries=2000} about 25 s). A failure prints the shrunk scenario and the seed to rerun it.
 */
class KernelProperties {

    @Test
    void everyStepKeepsTheKernelInvariants() {
        Property.forAll(KernelScenarios.SCENARIOS).check(scenario -> {
            final Plan plan = new Plan(scenario);
            final List<StrategySpec> specs = KernelScenarios.specs(plan);
            final KernelHarness h = KernelScenarios.harness(plan, specs);
            final Checker checker = new Checker(plan, h, specs);
            KernelScenarios.run(plan, h, checker::afterStep);
        });
    }

    @Test
    void theSameScenarioTwiceGivesTheSameTraceAndState() {
        Property.forAll(KernelScenarios.SCENARIOS).check(scenario -> {
            final KernelHarness a = runQuietly(new Plan(scenario));
            final KernelHarness b = runQuietly(new Plan(scenario));
            assertThat(b.events()).isEqualTo(a.events());
            assertThat(b.traceHash()).isEqualTo(a.traceHash());
            assertThat(b.stateDigest()).isEqualTo(a.stateDigest());
            assertThat(b.journal().toLines()).isEqualTo(a.journal().toLines());
            assertThat(b.commands()).isEqualTo(a.commands());
        });
    }

    @Test
    void replayingTheJournalReproducesTheRun() {
        Property.forAll(KernelScenarios.SCENARIOS).check(scenario -> {
            final Plan plan = new Plan(scenario);
            final KernelHarness h = runQuietly(plan);
            final InMemoryJournal original = h.journal();
            final InMemoryJournal decoded = InMemoryJournal.fromLines(original.toLines());
            assertThat(decoded.entries()).isEqualTo(original.entries());
            for (final InMemoryJournal journal : List.of(original, decoded)) {
                final KernelHarness.Replayed r = KernelHarness.replay(h.config(), KernelScenarios.specs(plan), journal, h.nowNanos());
                assertThat(r.kernel().nowNanos()).isEqualTo(h.nowNanos());
                assertThat(r.kernel().stateDigest()).isEqualTo(h.stateDigest());
                assertThat(r.kernel().traceHash()).isEqualTo(h.traceHash());
                assertThat(r.events()).isEqualTo(h.events());
                assertThat(r.journal().entries()).isEqualTo(original.entries());
                for (final dev.tandem.testkit.RecordingExecutionPort p : r.ports()) {
                    final List<Command> sent = new ArrayList<>();
                    h.commands().stream().filter(c -> c.venue().equals(p.venue())).forEach(sent::add);
                    assertThat(p.commands()).as("commands to %s", p.venue()).isEqualTo(sent);
                }
            }
        });
    }

    private static KernelHarness runQuietly(final Plan plan) throws Exception {
        final KernelHarness h = KernelScenarios.harness(plan, KernelScenarios.specs(plan));
        KernelScenarios.run(plan, h, step -> {});
        return h;
    }

    // ================================================================================================ the checker

    /** Watches one run (listener, venue observer, journal observer) and checks the invariants after each step. */
    static final class Checker {
        private static final long RUNAWAY_EVENTS = 500_000;

        private final Plan plan;
        private final KernelHarness h;
        private final Kernel k;
        private final RiskLimits limits;
        private final List<String> violations = new ArrayList<>();
        // (d) times of OrderSubmitted and of first submits at the venue, per strategy and global
        private final TreeMap<StrategyId, ArrayDeque<Long>> submitted = new TreeMap<>();
        private final ArrayDeque<Long> submittedGlobal = new ArrayDeque<>();
        private final TreeMap<StrategyId, ArrayDeque<Long>> sent = new TreeMap<>();
        private final ArrayDeque<Long> sentGlobal = new ArrayDeque<>();
        // (e) expected positions
        private final TreeMap<InstrumentId, Long> expected = new TreeMap<>();
        private final TreeMap<InstrumentId, Long> lastPositionChanged = new TreeMap<>();
        // (f) order lifecycles
        private final TreeMap<ClientOrderId, Track> tracks = new TreeMap<>();
        private final TreeMap<ClientOrderId, Boolean> reachedVenue = new TreeMap<>();
        private final List<PlannedStrategy> strategies = new ArrayList<>();
        private final TreeMap<ClientOrderId, SubmitOrder> firstAttempts = new TreeMap<>();
        private final TreeMap<ClientOrderId, Long> queuedUntilByOrder = new TreeMap<>();
        private final TreeMap<ClientOrderId, Boolean> unknown = new TreeMap<>();
        private long events;
        private long lastTsInit = Long.MIN_VALUE;

        /** What the checker knows of one order from its events. */
        private static final class Track {
            OrderState state = OrderState.PENDING_NEW;
            OrderState previous;
            long qty;
            long filled;
            boolean submitted;
        }

        Checker(final Plan plan, final KernelHarness h, final List<StrategySpec> specs) {
            specs.forEach(s -> strategies.add((PlannedStrategy) s.strategy()));
            this.plan = plan;
            this.h = h;
            this.k = h.kernel();
            this.limits = k.config().risk();
            for (final Instrument i : INSTRUMENTS) {
                expected.put(i.id(), 0L);
            }
            h.addListener(this::onEvent);
            h.onCommand(this::onCommand);
        }

        private void fail(final String what) {
            if (violations.size() < 20) {
                violations.add("t=+" + (k.nowNanos() - k.config().startTimeNanos()) + "ns " + what);
            }
        }

        // ------------------------------------------------------------------------------ listener

        private void onEvent(final KernelEvent e) {
            if (++events > RUNAWAY_EVENTS) {
                throw new AssertionError("more than " + RUNAWAY_EVENTS + " outbound events: a loop that does not end");
            }
            if (e.tsInitNanos() < lastTsInit || e.tsInitNanos() != k.nowNanos()) {
                fail("(g) outbound tsInit must be kernel time, never going back: " + e + " after " + lastTsInit + " at " + k.nowNanos());
            }
            lastTsInit = e.tsInitNanos();
            if (e instanceof OrderQueued q) {
                queuedUntilByOrder.put(q.clientOrderId(), q.expiresAtNanos());
            } else if (e instanceof OrderStatusUnknown u) {
                unknown.put(u.clientOrderId(), Boolean.TRUE);
            }
            if (e instanceof OrderSubmitted s) {
                if (!s.strategyId().equals(StrategyId.RISK)) {
                    rate("OrderSubmitted", submitted, submittedGlobal, s.strategyId(), s.tsInitNanos());
                }
                // A submit delivered before the venue saw the order is delivered right at the risk decision; one
                // emitted while the kernel reacted to another event reaches listeners later (the venue-time check covers it).
                if (!reachedVenue.containsKey(s.clientOrderId())) {
                    final List<String> v = riskViolations(s.strategyId(), s.instrumentId(), s.side(), s.type(), s.price(),
                            s.triggerPrice(), s.qty(), s.reduceOnly(), s.clientOrderId());
                    v.forEach(x -> fail("(a) at OrderSubmitted " + s.clientOrderId() + ": " + x + " " + s));
                }
            }
            if (e instanceof OrderEvent oe) {
                lifecycle(oe);
            }
            if (e instanceof OrderFilled f) {
                expected.merge(f.instrumentId(), f.side().sign() * f.lastQty(), Long::sum);
            }
            if (e instanceof PositionChanged p) {
                lastPositionChanged.put(p.instrumentId(), p.signedQty());
            }
            if (e instanceof DriftDetected d && d.clientOrderId() == null && d.asset() == null && d.instrumentId() != null) {
                positionDrift(d);
            }
        }

        private void positionDrift(final DriftDetected d) {
            final InboundEvent cause = h.currentInbound();
            if (cause instanceof VenueFill f && f.clientOrderId() == null) {
                final long delta = f.side().sign() * f.qty();
                if (d.venueValue() - d.localValue() != delta) {
                    fail("(e) external fill " + f + " reported as " + d);
                }
                expected.merge(d.instrumentId(), delta, Long::sum);
            } else if (cause instanceof VenuePositions ps) {
                long venue = 0;
                for (final VenuePosition p : ps.positions()) {
                    if (p.instrumentId().equals(d.instrumentId())) {
                        venue = p.signedQty();
                    }
                }
                if (d.venueValue() != venue) {
                    fail("(e) adopted " + d.venueValue() + " but the venue says " + venue + ": " + d);
                }
                expected.merge(d.instrumentId(), d.venueValue() - d.localValue(), Long::sum);
            } else {
                fail("(e) a position drift without an external fill or a position snapshot: " + d + " while handling " + cause);
            }
        }

        // ------------------------------------------------------------------------------ the venue

        private void onCommand(final Command c) {
            if (k.nowNanos() < k.orders().backoffUntilNanos(c.venue())) {
                fail("(d) a request reached " + c.venue() + " during its rate-limit backoff (until +"
                        + (k.orders().backoffUntilNanos(c.venue()) - k.nowNanos()) + " ns): " + c);
            }
            if (!(c instanceof SubmitOrder s)) {
                return;
            }
            resubmits(s);
            if (s.attempt() != 1) {
                return;
            }
            firstAttempts.put(s.clientOrderId(), s);
            reachedVenue.put(s.clientOrderId(), Boolean.TRUE);
            // (b) a venue whose breaker is not CLOSED gets no new order (queued or denied until it closes)
            if (k.orders().breakerState(s.venue()) != dev.tandem.kernel.model.BreakerState.CLOSED) {
                fail("(b) a new order reached " + s.venue() + " while its breaker is " + k.orders().breakerState(s.venue()) + ": " + s);
            }
            // a queued order leaves the queue before its TTL
            final Long queuedUntil = queuedUntilByOrder.get(s.clientOrderId());
            if (queuedUntil != null && k.nowNanos() >= queuedUntil) {
                fail("(b) a queued order was sent after its TTL: " + s);
            }
            final boolean riskFlatten = s.strategyId().equals(StrategyId.RISK) && s.reduceOnly();
            final TradingState ts = k.risk().tradingState();
            // (b)
            if (ts == TradingState.HALTED && !riskFlatten) {
                fail("(b) strategy order reached the venue while HALTED: " + s);
            }
            // (c)
            if (ts == TradingState.REDUCING) {
                final long pos = k.portfolio().positionQty(s.instrumentId());
                final boolean ok = riskFlatten
                        ? reducesNow(s.side(), s.qty(), pos)
                        : reducing(s.instrumentId(), s.side(), s.qty(), pos, s.clientOrderId());
                if (!ok) {
                    fail("(c) order may increase |position| " + pos + " while REDUCING: " + s);
                }
            }
            // (d)
            if (!s.strategyId().equals(StrategyId.RISK)) {
                rate("SubmitOrder", sent, sentGlobal, s.strategyId(), s.tsInitNanos());
            }
            // (a) the venue gets the first attempt right after the risk check (or the queue re-check)
            riskViolations(s.strategyId(), s.instrumentId(), s.side(), s.type(), s.price(), s.triggerPrice(), s.qty(),
                    s.reduceOnly(), s.clientOrderId()).forEach(x -> fail("(a) at the venue: " + x + " " + s));
        }

        /** Retries repeat the first attempt exactly (same client id), within the retry budget, never after an unknown outcome. */
        private void resubmits(final SubmitOrder s) {
            if (unknown.containsKey(s.clientOrderId())) {
                fail("(f) resubmitted after an unknown outcome, before anything else: " + s);
            }
            final int budget = 1 + k.config().execution().maxRetries() + k.config().execution().maxRateLimitedRetries();
            if (s.attempt() < 1 || s.attempt() > budget) {
                fail("(f) submit attempt " + s.attempt() + " outside 1.." + budget + ": " + s);
            }
            if (s.attempt() > 1) {
                final SubmitOrder first = firstAttempts.get(s.clientOrderId());
                if (first == null || !first.equals(new SubmitOrder(first.commandId(), first.tsInitNanos(), s.clientOrderId(), s.strategyId(),
                        s.instrumentId(), s.side(), s.type(), s.timeInForce(), s.price(), s.triggerPrice(), s.qty(), s.reduceOnly(), 1))) {
                    fail("(f) a retry differs from its first attempt " + first + ": " + s);
                }
            }
        }

        private void rate(final String what, final TreeMap<StrategyId, ArrayDeque<Long>> per, final ArrayDeque<Long> global,
                final StrategyId sid, final long t) {
            final ArrayDeque<Long> mine = per.computeIfAbsent(sid, x -> new ArrayDeque<>());
            mine.addLast(t);
            global.addLast(t);
            final int perCount = count(mine, t, limits.strategyRateWindowNanos());
            if (limits.strategyOrdersPerWindowMax() > 0 && perCount > limits.strategyOrdersPerWindowMax()) {
                fail("(d) " + perCount + " " + what + " of " + sid + " within " + limits.strategyRateWindowNanos() + " ns > "
                        + limits.strategyOrdersPerWindowMax());
            }
            final int globalCount = count(global, t, limits.globalRateWindowNanos());
            if (limits.globalOrdersPerWindowMax() > 0 && globalCount > limits.globalOrdersPerWindowMax()) {
                fail("(d) " + globalCount + " " + what + " within " + limits.globalRateWindowNanos() + " ns > "
                        + limits.globalOrdersPerWindowMax());
            }
        }

        /** Entries in the window (t − window, t]; forgets older ones (the window never shrinks). */
        private static int count(final ArrayDeque<Long> times, final long t, final long window) {
            final long keep = Math.max(window, 60 * KernelHarness.SECOND);
            while (!times.isEmpty() && t - times.peekFirst() >= keep) {
                times.pollFirst();
            }
            int n = 0;
            for (final long x : times) {
                if (t - x < window) {
                    n++;
                }
            }
            return n;
        }

        // ------------------------------------------------------------------------------ (a) the risk oracle

        /**
         * Every limit an order must satisfy at the moment it passed risk, recomputed from the kernel's state in exact
         * decimals (no code shared with the risk engine, whose rounding is always conservative). {@code self} is the
         * order itself, excluded from the resting orders.
         */
        private List<String> riskViolations(final StrategyId sid, final InstrumentId iid, final Side side, final OrderType type,
                final long price, final long trigger, final long qty, final boolean reduceOnly, final ClientOrderId self) {
            final List<String> v = new ArrayList<>();
            final Instrument inst = KernelScenarios.instrument(iid);
            final long pos = k.portfolio().positionQty(iid);
            final boolean riskFlatten = sid.equals(StrategyId.RISK) && reduceOnly;
            if (sid.equals(StrategyId.RISK) && !reduceOnly) {
                v.add("an order of strategy risk that is not reduce-only");
            }
            // venue filters
            if (qty < inst.minQty() || qty > inst.maxQty() || qty % inst.lotSize() != 0) {
                v.add("qty " + qty + " violates lot/min/max");
            }
            if (type.hasLimitPrice() ? price <= 0 || price % inst.tickSize() != 0 : price != 0) {
                v.add("price " + price + " invalid for " + type);
            }
            if (type.hasTriggerPrice() ? trigger <= 0 || trigger % inst.tickSize() != 0 : trigger != 0) {
                v.add("trigger " + trigger + " invalid for " + type);
            }
            final long orderRef = switch (type) {
                case LIMIT, STOP_LIMIT -> price;
                case STOP_MARKET -> trigger;
                case MARKET -> k.data().referencePrice(iid);
            };
            if (inst.minNotionalMoney() > 0 && orderRef > 0 && notional(inst, orderRef, qty).compareTo(money(inst.minNotionalMoney())) < 0) {
                v.add("notional below the venue minimum");
            }
            final boolean reducesNow = reducesNow(side, qty, pos);
            if (reduceOnly && !reducesNow) {
                v.add("reduce-only " + side + " " + qty + " does not reduce position " + pos);
            }
            if (riskFlatten) {
                return v;
            }
            // states
            final TradingState ts = k.risk().tradingState();
            final boolean reducing = reducing(iid, side, qty, pos, self);
            if (ts == TradingState.HALTED) {
                v.add("trading is HALTED");
            } else if (ts == TradingState.REDUCING && !reducing) {
                v.add("REDUCING but the order is not reducing (position " + pos + ")");
            }
            final StrategyState ss = k.risk().strategyState(sid);
            if (ss != StrategyState.RUNNING) {
                v.add("strategy is " + ss);
            }
            final int index = Integer.parseInt(sid.value().substring(1)) - 1;
            final List<Integer> mine = plan.scenario.programs().get(index).instrumentIndices();
            if (!mine.contains(INSTRUMENTS.indexOf(inst))) {
                v.add("instrument not registered for the strategy");
            }
            // prices and notionals
            if (orderRef <= 0) {
                v.add("no reference price");
                return v;
            }
            final BigDecimal orderNotional = notional(inst, orderRef, qty);
            if (limits.orderNotionalMoneyMax() > 0 && orderNotional.compareTo(money(limits.orderNotionalMoneyMax())) > 0) {
                v.add("order notional " + orderNotional + " > max");
            }
            if (limits.priceBandRate() > 0 && type.hasLimitPrice()) {
                final long mark = k.data().markPrice(iid) > 0 ? k.data().markPrice(iid) : k.data().referencePrice(iid);
                if (mark > 0) {
                    final BigDecimal distance = BigDecimal.valueOf(Math.abs(price - mark));
                    final BigDecimal band = BigDecimal.valueOf(mark).multiply(rate(limits.priceBandRate()));
                    if (distance.compareTo(band) > 0) {
                        v.add("limit " + price + " outside the band around " + mark);
                    }
                }
            }
            if (limits.slippageRateMax() > 0 && type == OrderType.MARKET) {
                final BookSnapshot book = k.data().book(iid);
                if (book != null) {
                    final List<BookLevel> levels = side == Side.BUY ? book.asks() : book.bids();
                    if (levels.isEmpty()) {
                        v.add("market order against an empty book side");
                    } else {
                        final long touch = levels.get(0).price();
                        long left = qty;
                        BigDecimal impact = BigDecimal.ZERO;
                        for (final BookLevel l : levels) {
                            final long take = Math.min(left, Math.max(0, l.qty()));
                            impact = impact.add(BigDecimal.valueOf(Math.abs(l.price() - touch)).multiply(BigDecimal.valueOf(take)));
                            left -= take;
                        }
                        final BigDecimal allowed = BigDecimal.valueOf(touch).multiply(BigDecimal.valueOf(qty)).multiply(rate(limits.slippageRateMax()));
                        if (left > 0 || impact.compareTo(allowed) > 0) {
                            v.add("expected slippage beyond the limit (left " + left + ", impact " + impact + " > " + allowed + ")");
                        }
                    }
                }
            }
            if (!reducing) {
                final long others = othersLeaves(iid, side, self);
                final long projectedQty = pos + side.sign() * (others + qty);
                final long valuation = Math.max(orderRef, k.data().referencePrice(iid));
                final BigDecimal projected = notional(inst, valuation, Math.abs(projectedQty));
                final BigDecimal total = money(k.portfolio().totalPositionNotionalMoney() - k.portfolio().positionNotionalMoney(iid)).add(projected);
                final BigDecimal equity = money(k.portfolio().equityMoney());
                if (limits.positionNotionalMoneyMax() > 0 && projected.compareTo(money(limits.positionNotionalMoneyMax())) > 0) {
                    v.add("projected position " + projected + " > max");
                }
                if (limits.totalNotionalMoneyMax() > 0 && total.compareTo(money(limits.totalNotionalMoneyMax())) > 0) {
                    v.add("projected total " + total + " > max");
                }
                if (limits.openPositionsMax() > 0 && pos == 0) {
                    int open = 1;
                    for (final Instrument i : INSTRUMENTS) {
                        if (i.id().equals(iid)) {
                            continue;
                        }
                        if (k.portfolio().positionQty(i.id()) != 0
                                || othersLeaves(i.id(), Side.BUY, self) > 0 || othersLeaves(i.id(), Side.SELL, self) > 0) {
                            open++;
                        }
                    }
                    if (open > limits.openPositionsMax()) {
                        v.add("would be position #" + open);
                    }
                }
                if (limits.concentrationRateMax() > 0 && projected.compareTo(equity.multiply(rate(limits.concentrationRateMax()))) > 0) {
                    v.add("concentration: projected " + projected + " > equity " + equity + " x rate");
                }
                if (limits.leverageRateMax() > 0 && total.compareTo(equity.multiply(rate(limits.leverageRateMax()))) > 0) {
                    v.add("leverage: total " + total + " > equity " + equity + " x rate");
                }
            }
            return v;
        }

        private static boolean reducesNow(final Side side, final long qty, final long pos) {
            return pos != 0 && qty > 0 && side == Side.reducing(pos) && qty <= Math.abs(pos);
        }

        /** Reduces now, and cannot flip the position even if every other resting order on its side fills first. */
        private boolean reducing(final InstrumentId iid, final Side side, final long qty, final long pos, final ClientOrderId self) {
            return reducesNow(side, qty, pos) && othersLeaves(iid, side, self) + qty <= Math.abs(pos);
        }

        private long othersLeaves(final InstrumentId iid, final Side side, final ClientOrderId self) {
            long sum = 0;
            for (final Order o : k.orders().openOrders()) {
                if (o.instrumentId().equals(iid) && o.side() == side && !o.clientOrderId().equals(self)) {
                    sum += o.leavesQty();
                }
            }
            return sum;
        }

        private static BigDecimal notional(final Instrument inst, final long price, final long qty) {
            return BigDecimal.valueOf(price, inst.priceScale()).multiply(BigDecimal.valueOf(qty, inst.qtyScale()));
        }

        private static BigDecimal money(final long m) {
            return BigDecimal.valueOf(m, Fixed.MONEY_SCALE);
        }

        private static BigDecimal rate(final long r) {
            return BigDecimal.valueOf(r, Fixed.RATE_SCALE);
        }

        // ------------------------------------------------------------------------------ (f) lifecycles

        private void lifecycle(final OrderEvent e) {
            Track t = tracks.get(e.clientOrderId());
            if (t == null) {
                if (!(e instanceof OrderSubmitted || e instanceof OrderDenied)) {
                    fail("(f) first event of " + e.clientOrderId() + " is " + e);
                }
                t = new Track();
                tracks.put(e.clientOrderId(), t);
            }
            if (e instanceof OrderSubmitted s) {
                if (t.submitted || t.state != OrderState.PENDING_NEW) {
                    fail("(f) OrderSubmitted twice or late: " + e);
                }
                t.submitted = true;
                t.qty = s.qty();
            } else if (e instanceof OrderSent || e instanceof OrderQueued || e instanceof OrderRetryScheduled) {
                if (t.state.isTerminal()) {
                    fail("(f) " + e.getClass().getSimpleName() + " after the terminal state " + t.state + ": " + e);
                }
            } else if (e instanceof OrderDenied) {
                step(t, e, OrderTrigger.DENY);
            } else if (e instanceof OrderAccepted) {
                step(t, e, OrderTrigger.ACCEPT, OrderTrigger.QUERY_NEW, OrderTrigger.QUERY_PARTIALLY_FILLED);
            } else if (e instanceof OrderRejected) {
                step(t, e, OrderTrigger.REJECT, OrderTrigger.QUERY_REJECTED, OrderTrigger.QUERY_NOT_FOUND);
            } else if (e instanceof OrderFilled f) {
                if (f.late() != t.state.isTerminal()) {
                    fail("(f) late=" + f.late() + " but the order was " + t.state + ": " + f);
                }
                if (f.cumQty() != t.filled + f.lastQty() || f.cumQty() > t.qty || f.lastQty() <= 0) {
                    fail("(f) fill quantities do not add up (filled " + t.filled + " of " + t.qty + "): " + f);
                }
                t.filled = f.cumQty();
                step(t, e, f.cumQty() == t.qty ? OrderTrigger.FILL_FULL : OrderTrigger.FILL_PARTIAL);
            } else if (e instanceof OrderPendingCancel) {
                step(t, e, OrderTrigger.CANCEL_REQUEST);
            } else if (e instanceof OrderCanceled) {
                step(t, e, OrderTrigger.CANCEL_ACK, OrderTrigger.QUERY_CANCELED);
            } else if (e instanceof OrderExpired) {
                step(t, e, OrderTrigger.EXPIRE, OrderTrigger.QUERY_EXPIRED);
            } else if (e instanceof CancelRejected) {
                step(t, e, OrderTrigger.CANCEL_REJECT);
            } else if (e instanceof OrderAmended a) {
                step(t, e, OrderTrigger.AMEND_ACK);
                t.qty = a.newQty();
            } else if (e instanceof AmendRejected) {
                step(t, e, OrderTrigger.AMEND_REJECT);
            } else if (e instanceof OrderStatusUnknown) {
                step(t, e, OrderTrigger.UNKNOWN_OUTCOME);
            } else {
                fail("(f) unknown order event " + e);
            }
        }

        private void step(final Track t, final OrderEvent e, final OrderTrigger... triggers) {
            for (final OrderTrigger trigger : triggers) {
                final OrderStateMachine.Step s;
                try {
                    s = OrderStateMachine.apply(t.state, t.previous, trigger);
                } catch (IllegalStateException x) {
                    fail("(f) " + trigger + " in " + t.state + "(" + t.previous + "): " + x.getMessage());
                    return;
                }
                if (s.applied()) {
                    if (t.state.isTerminal() && s.state() != t.state) {
                        fail("(f) a second terminal state " + s.state() + " after " + t.state + ": " + e);
                    }
                    t.state = s.state();
                    t.previous = s.previousState();
                    return;
                }
            }
            fail("(f) no legal transition in " + t.state + (t.previous == null ? "" : "(" + t.previous + ")") + " for " + e);
        }

        // ------------------------------------------------------------------------------ after each step

        void afterStep(final int step) {
            // (e)
            for (final Instrument i : INSTRUMENTS) {
                final long pos = k.portfolio().positionQty(i.id());
                if (pos != expected.get(i.id())) {
                    fail("(e) position of " + i.id() + " is " + pos + ", fills and adoptions say " + expected.get(i.id()));
                }
                if (pos != lastPositionChanged.getOrDefault(i.id(), 0L)) {
                    fail("(e) position of " + i.id() + " is " + pos + ", the last PositionChanged said " + lastPositionChanged.get(i.id()));
                }
            }
            k.checkInvariants().forEach(x -> fail("(e) accounting: " + x));
            // (f)
            final List<Order> all = k.orders().orders();
            final java.util.TreeSet<ClientOrderId> malformed = new java.util.TreeSet<>();
            strategies.forEach(s -> malformed.addAll(s.malformed));
            for (final java.util.Map.Entry<ClientOrderId, Track> e : tracks.entrySet()) {
                final boolean held = k.orders().order(e.getKey()) != null;
                if (held == malformed.contains(e.getKey())) {
                    fail("(f) " + e.getKey() + (held ? " is a malformed intent the kernel holds as an order" : " is not held by the kernel"));
                } else if (!held && e.getValue().state != OrderState.DENIED) {
                    fail("(f) malformed intent " + e.getKey() + " ended " + e.getValue().state);
                }
            }
            for (final Order o : all) {
                final Track t = tracks.get(o.clientOrderId());
                if (t == null) {
                    fail("(f) no event for order " + o);
                } else if (t.state != o.state() || (t.state == OrderState.PENDING_CANCEL && t.previous != o.previousState())) {
                    fail("(f) events lead to " + t.state + "(" + t.previous + ") but the order is " + o);
                } else if (t.filled != o.filledQty()) {
                    fail("(f) fills of " + o + " add up to " + t.filled);
                }
            }
            strategiesSawTraceOrder();
            assertThat(violations).as("invariant violations after step %d of %d", step, plan.scenario.steps().size()).isEmpty();
        }

        /** Each strategy got its order events in the order of the trace. */
        private void strategiesSawTraceOrder() {
            final TreeMap<StrategyId, List<OrderEvent>> byStrategy = new TreeMap<>();
            for (final KernelEvent e : h.events()) {
                if (e instanceof OrderEvent oe) {
                    byStrategy.computeIfAbsent(oe.strategyId(), x -> new ArrayList<>()).add(oe);
                }
            }
            for (final PlannedStrategy s : strategies) {
                final List<OrderEvent> traced = byStrategy.getOrDefault(KernelScenarios.strategyId(s.index), List.of());
                // callbacks past the runaway bound are dropped, so a strategy sees a subsequence of its trace
                int j = 0;
                for (final OrderEvent seen : s.seen) {
                    while (j < traced.size() && traced.get(j) != seen) {
                        j++;
                    }
                    if (j == traced.size()) {
                        fail("(f) strategy " + s.index + " saw " + seen + " out of trace order");
                        return;
                    }
                    j++;
                }
            }
        }
    }
}
