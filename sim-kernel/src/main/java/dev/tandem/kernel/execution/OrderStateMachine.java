package dev.tandem.kernel.execution;

import java.util.EnumMap;

/**
 * The order lifecycle as an explicit, total transition table: every (state, trigger) pair has exactly one
 * {@link Transition}. The table is a literal matrix below so it can be reviewed against DESIGN §2.4 at a glance;
 * it is parsed and checked for totality when the class loads.
 *
 * <p>PENDING_CANCEL is an overlay: the order keeps the state it had before the cancel request
 * ({@link Order#previousState()}). A cancel reject restores it ({@link Action#RESTORE_PREVIOUS}); reports about
 * the order underneath (its ack, a partial fill, an amend) are applied to the remembered state
 * ({@link Action#APPLY_TO_PREVIOUS}) so that a rejected cancel returns to the right place — e.g. PARTIALLY_FILLED
 * when a partial fill arrived while the cancel was pending. {@link #apply} resolves both markers.
 *
 * <p>Rules encoded in the matrix:
 * <ul>
 *   <li>A fill or expiry before the ack implies the ack (reports arrive out of order); an ack after fills is stale.</li>
 *   <li>Late fills on CANCELED, EXPIRED and REJECTED are applied (money moved at the venue) but keep the
 *       terminal state; an order has exactly one terminal state. A fill on DENIED is illegal: it never left.</li>
 *   <li>DENIED is reachable only from PENDING_NEW. No transition leads from one terminal state to another.</li>
 *   <li>Duplicates and stale answers are ignored without an event; contradictions are illegal and the order
 *       manager reports them as {@code ReportAnomaly} without changing anything.</li>
 *   <li>An UNKNOWN order is resolved by a query; "not found" rejects it (never a blind resubmit).</li>
 * </ul>
 */
public final class OrderStateMachine {

    /** What a trigger does to an order in a state. */
    public enum Action {
        /** Move to {@link Transition#target()} (which may equal the current state: late fills, amends). */
        APPLY,
        /** PENDING_CANCEL only: return to the state remembered before the cancel request. */
        RESTORE_PREVIOUS,
        /** PENDING_CANCEL only: look the trigger up for the remembered state and apply it there (see class doc). */
        APPLY_TO_PREVIOUS,
        /** A duplicate or stale report: nothing changes and no event is emitted. */
        IGNORE_DUPLICATE_OR_STALE,
        /** A contradiction: nothing changes; the order manager emits a ReportAnomaly. */
        ILLEGAL
    }

    /**
     * One cell of the table. For IGNORE, ILLEGAL and the two PENDING_CANCEL markers the target is the current
     * state; {@link #apply} computes the real outcome of the markers.
     */
    public record Transition(Action action, OrderState target) {}

    /**
     * The resolved outcome of a trigger for an order: {@code action} is APPLY, IGNORE_DUPLICATE_OR_STALE or
     * ILLEGAL (never a marker); {@code state} and {@code previousState} are the order's new values.
     */
    public record Step(Action action, OrderState state, OrderState previousState) {
        /** True when the order changes (or a quantity-only transition such as a late fill is applied). */
        public boolean applied() {
            return action == Action.APPLY;
        }
    }

    // Legend: a state abbreviation = APPLY to that state; '=' = APPLY staying in the same state;
    // '-' = IGNORE_DUPLICATE_OR_STALE; 'X' = ILLEGAL; 'prev' = RESTORE_PREVIOUS; 'sub' = APPLY_TO_PREVIOUS.
    // PN=PENDING_NEW PF=PARTIALLY_FILLED FIL=FILLED PC=PENDING_CANCEL CXL=CANCELED REJ=REJECTED DEN=DENIED
    // EXP=EXPIRED UNK=UNKNOWN.
    private static final String[] COLUMNS = {"PN", "NEW", "PF", "FIL", "PC", "CXL", "REJ", "DEN", "EXP", "UNK"};
    private static final String[] MATRIX = {
        // trigger                 PN    NEW   PF    FIL   PC    CXL   REJ   DEN   EXP   UNK
        "DENY                      DEN   X     X     X     X     X     X     X     X     X",
        "ACCEPT                    NEW   -     -     -     sub   -     X     X     -     NEW",
        "REJECT                    REJ   -     -     -     sub   -     -     X     -     REJ",
        "FILL_PARTIAL              PF    PF    PF    X     sub   =     =     X     =     PF",
        "FILL_FULL                 FIL   FIL   FIL   X     FIL   =     =     X     =     FIL",
        "CANCEL_REQUEST            PC    PC    PC    X     -     X     X     X     X     PC",
        "CANCEL_ACK                CXL   CXL   CXL   X     CXL   -     X     X     -     CXL",
        "CANCEL_REJECT             -     -     -     -     prev  -     -     X     -     -",
        "AMEND_ACK                 X     =     =     -     sub   -     X     X     -     X",
        "AMEND_REJECT              X     =     =     -     sub   -     -     X     -     X",
        "EXPIRE                    EXP   EXP   EXP   X     EXP   -     X     X     -     EXP",
        "UNKNOWN_OUTCOME           UNK   -     -     -     sub   -     -     X     -     -",
        "QUERY_NEW                 NEW   -     -     -     sub   -     X     X     -     NEW",
        "QUERY_PARTIALLY_FILLED    PF    PF    -     -     sub   -     X     X     -     PF",
        "QUERY_FILLED              FIL   FIL   FIL   -     FIL   -     X     X     -     FIL",
        "QUERY_CANCELED            CXL   CXL   CXL   X     CXL   -     X     X     -     CXL",
        "QUERY_REJECTED            REJ   X     X     X     sub   X     -     X     X     REJ",
        "QUERY_EXPIRED             EXP   EXP   EXP   X     EXP   -     X     X     -     EXP",
        "QUERY_NOT_FOUND           -     X     X     -     sub   -     -     X     -     REJ",
    };

    private static final EnumMap<OrderState, EnumMap<OrderTrigger, Transition>> TABLE = parse();

    private OrderStateMachine() {}

    /** The table cell for a state and trigger; never null. */
    public static Transition next(final OrderState from, final OrderTrigger trigger) {
        final Transition t = TABLE.get(from).get(trigger);
        if (t == null) {
            // unreachable: parse() proves totality at class load
            throw new IllegalStateException("no transition for " + from + " x " + trigger);
        }
        return t;
    }

    /**
     * Resolves a trigger for an order in {@code state} whose pre-cancel state is {@code previousState} (only
     * meaningful in PENDING_CANCEL; may be null otherwise).
     */
    public static Step apply(final OrderState state, final OrderState previousState, final OrderTrigger trigger) {
        final Transition t = next(state, trigger);
        switch (t.action()) {
            case APPLY:
                // entering PENDING_CANCEL remembers where we came from; leaving it forgets
                if (t.target() == OrderState.PENDING_CANCEL && state != OrderState.PENDING_CANCEL) {
                    return new Step(Action.APPLY, OrderState.PENDING_CANCEL, state);
                }
                return new Step(Action.APPLY, t.target(), t.target() == OrderState.PENDING_CANCEL ? previousState : null);
            case RESTORE_PREVIOUS:
                requirePrevious(state, previousState, trigger);
                return new Step(Action.APPLY, previousState, null);
            case APPLY_TO_PREVIOUS: {
                requirePrevious(state, previousState, trigger);
                final Transition under = next(previousState, trigger);
                switch (under.action()) {
                    case APPLY:
                        if (under.target().isTerminal()) {
                            return new Step(Action.APPLY, under.target(), null); // the overlay ends with the order
                        }
                        return new Step(Action.APPLY, OrderState.PENDING_CANCEL, under.target());
                    case IGNORE_DUPLICATE_OR_STALE:
                    case ILLEGAL:
                        return new Step(under.action(), state, previousState);
                    default:
                        throw new IllegalStateException("nested marker " + under + " for " + previousState + " x " + trigger);
                }
            }
            case IGNORE_DUPLICATE_OR_STALE:
            case ILLEGAL:
                return new Step(t.action(), state, previousState);
            default:
                throw new IllegalStateException("unhandled action " + t.action());
        }
    }

    private static void requirePrevious(final OrderState state, final OrderState previous, final OrderTrigger trigger) {
        if (state != OrderState.PENDING_CANCEL || previous == null || previous.isTerminal()
                || previous == OrderState.PENDING_CANCEL) {
            throw new IllegalStateException("bad pre-cancel state " + previous + " for " + state + " x " + trigger);
        }
    }

    private static EnumMap<OrderState, EnumMap<OrderTrigger, Transition>> parse() {
        final EnumMap<OrderState, EnumMap<OrderTrigger, Transition>> table = new EnumMap<>(OrderState.class);
        for (final OrderState s : OrderState.values()) {
            table.put(s, new EnumMap<>(OrderTrigger.class));
        }
        final OrderState[] columns = new OrderState[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            columns[i] = abbreviation(COLUMNS[i]);
        }
        for (final String line : MATRIX) {
            final String[] cells = line.trim().split("\\s+");
            if (cells.length != COLUMNS.length + 1) {
                throw new IllegalStateException("row has " + cells.length + " cells: " + line);
            }
            final OrderTrigger trigger = OrderTrigger.valueOf(cells[0]);
            for (int i = 0; i < columns.length; i++) {
                final OrderState from = columns[i];
                final Transition t = cell(from, cells[i + 1]);
                if (table.get(from).put(trigger, t) != null) {
                    throw new IllegalStateException("duplicate row " + trigger);
                }
            }
        }
        for (final OrderState s : OrderState.values()) {
            if (table.get(s).size() != OrderTrigger.values().length) {
                throw new IllegalStateException("transition table is not total for " + s);
            }
        }
        return table;
    }

    private static Transition cell(final OrderState from, final String text) {
        switch (text) {
            case "-":
                return new Transition(Action.IGNORE_DUPLICATE_OR_STALE, from);
            case "X":
                return new Transition(Action.ILLEGAL, from);
            case "=":
                return new Transition(Action.APPLY, from);
            case "prev":
                return new Transition(Action.RESTORE_PREVIOUS, from);
            case "sub":
                return new Transition(Action.APPLY_TO_PREVIOUS, from);
            default:
                return new Transition(Action.APPLY, abbreviation(text));
        }
    }

    private static OrderState abbreviation(final String a) {
        switch (a) {
            case "PN":
                return OrderState.PENDING_NEW;
            case "NEW":
                return OrderState.NEW;
            case "PF":
                return OrderState.PARTIALLY_FILLED;
            case "FIL":
                return OrderState.FILLED;
            case "PC":
                return OrderState.PENDING_CANCEL;
            case "CXL":
                return OrderState.CANCELED;
            case "REJ":
                return OrderState.REJECTED;
            case "DEN":
                return OrderState.DENIED;
            case "EXP":
                return OrderState.EXPIRED;
            case "UNK":
                return OrderState.UNKNOWN;
            default:
                throw new IllegalStateException("unknown cell '" + a + "'");
        }
    }
}
