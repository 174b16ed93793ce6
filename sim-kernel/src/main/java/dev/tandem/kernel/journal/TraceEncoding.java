package dev.tandem.kernel.journal;

import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderAmended;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
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
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The binary encoding of outbound events that the trace hash ({@link TraceHash}) digests, version {@value #VERSION}.
 * It is specified completely here and in docs/DETERMINISM.md, so another implementation (or a future version of this
 * one) can reproduce a trace hash byte for byte.
 *
 * <p><b>Stream.</b> {@link #HEADER} ({@code "TNDMTRC"} and the version byte), then, for a trace continued from a
 * snapshot, one continuation record (tag {@value #TAG_CONTINUE}, the previous hash's two 64-bit halves, the
 * previous event count), then one record per event in emission order.
 *
 * <p><b>Event record.</b> One tag byte naming the type ({@link #tag}; numbers are fixed forever, a new event type
 * takes a new number), then every record component in declaration order:
 * <ul>
 *   <li>{@code long}: 8 bytes, little-endian two's complement; {@code int}: 4 bytes likewise; {@code boolean}: one
 *       byte, 0 or 1;</li>
 *   <li>{@code String}: {@code null} is the 4-byte little-endian int −1; a <em>table string</em> (at least
 *       {@value TraceWriter#TABLE_MIN_LENGTH} UTF-16 units, every one below 0x80) that the string table holds in its
 *       slot is the int {@code −2 − slot} alone; any other string is its UTF-8 byte length as a 4-byte int, then the
 *       bytes (an unpaired surrogate is written as '?', like {@code String.getBytes(UTF_8)}), and a table string
 *       written so then takes its slot;</li>
 *   <li>an enum: its {@code name()} as a string; {@code ClientOrderId}, {@code StrategyId}: their value as a string;
 *       {@code InstrumentId}: {@code SYMBOL.VENUE} as a string;</li>
 *   <li>{@code SortedMap<String, String>} (audit metadata): the entry count as a 4-byte int (−1 for null), then in key
 *       order each key as a string and each value either as a number, when it is the canonical decimal text of a long
 *       ({@code Long.toString(v)}): the int {@value TraceWriter#NUMBER_MARK} then {@code v} as 8 bytes; or else as a
 *       string;</li>
 *   <li>{@code List<T>}: the element count as a 4-byte int (−1 for null), then the elements; a nested record: one
 *       byte 1 and its components (0 for null). No outbound event uses these today.</li>
 * </ul>
 * <p><b>String table</b> (new in version 2): {@value TraceWriter#TABLE_SLOTS} slots, empty at the start of the
 * stream; the slot of a string is {@code (h ^ (h >>> 16)) & 63} where {@code h} is its {@code String.hashCode()}.
 * Events repeat their long strings (a client order id in every event of its order, reason texts, metadata keys,
 * instrument ids), and a reference is 4 bytes to hash instead of the whole text. A reader that keeps the same table
 * parses the stream back.
 *
 * Every value is self-delimiting, so the stream parses back unambiguously and two different event sequences never
 * share an encoding.
 *
 * <p>The hot event types (the order path's and the risk engine's pause/resume) have hand-written writers;
 * {@code TraceEncodingTest} checks each against the reflective writer that implements the rules above directly, for
 * generated values of every component. Every other type uses the reflective writer.
 */
public final class TraceEncoding {
    /** Version of this encoding, the last byte of {@link #HEADER}. */
    public static final int VERSION = 2;
    /** Tag of the continuation record that starts a trace continued from a snapshot. */
    public static final int TAG_CONTINUE = 0;

    private static final byte[] HEADER = {'T', 'N', 'D', 'M', 'T', 'R', 'C', (byte) VERSION};

    /** The fixed tag of every outbound event type. Never renumber; append new types with new numbers. */
    private static final Map<Class<?>, Integer> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put(KernelStarted.class, 1);
        TAGS.put(OrderSubmitted.class, 2);
        TAGS.put(OrderDenied.class, 3);
        TAGS.put(OrderQueued.class, 4);
        TAGS.put(OrderSent.class, 5);
        TAGS.put(OrderRetryScheduled.class, 6);
        TAGS.put(OrderAccepted.class, 7);
        TAGS.put(OrderRejected.class, 8);
        TAGS.put(OrderFilled.class, 9);
        TAGS.put(OrderPendingCancel.class, 10);
        TAGS.put(OrderCanceled.class, 11);
        TAGS.put(OrderExpired.class, 12);
        TAGS.put(CancelRejected.class, 13);
        TAGS.put(OrderAmended.class, 14);
        TAGS.put(AmendRejected.class, 15);
        TAGS.put(OrderStatusUnknown.class, 16);
        TAGS.put(PositionChanged.class, 17);
        TAGS.put(FundingApplied.class, 18);
        TAGS.put(TradingStateChanged.class, 19);
        TAGS.put(StrategyStateChanged.class, 20);
        TAGS.put(CircuitBreakerStateChanged.class, 21);
        TAGS.put(DriftDetected.class, 22);
        TAGS.put(ReconciliationCompleted.class, 23);
        TAGS.put(ReportAnomaly.class, 24);
    }

    /** Writes one record's components (an event's tag is written by the caller). */
    @FunctionalInterface
    interface ComponentWriter {
        void write(Object record, TraceWriter out);
    }

    /** How one type is written. */
    private record Encoder(int tag, ComponentWriter components) {}

    private static final Map<Class<?>, ComponentWriter> HAND_WRITTEN = handWritten();

    private static final ClassValue<Encoder> ENCODERS = new ClassValue<>() {
        @Override
        protected Encoder computeValue(final Class<?> type) {
            final Integer tag = TAGS.get(type);
            if (tag == null) {
                return null;
            }
            final ComponentWriter hand = HAND_WRITTEN.get(type);
            return new Encoder(tag, hand != null ? hand : reflective(type));
        }
    };

    private TraceEncoding() {}

    /** The bytes every trace stream starts with. */
    public static byte[] header() {
        return HEADER.clone();
    }

    /** The tag of an outbound event type. */
    public static int tag(final Class<?> type) {
        final Integer t = TAGS.get(type);
        if (t == null) {
            throw new IllegalArgumentException("not an outbound event type with a trace tag: " + type.getName());
        }
        return t;
    }

    /** Every tagged type, in tag order. */
    public static List<Class<?>> taggedTypes() {
        return Collections.unmodifiableList(new ArrayList<>(TAGS.keySet()));
    }

    /** The encoding of one event as the first of a stream (its record; the string table starts empty): tag, then components. */
    public static byte[] encode(final KernelEvent event) {
        final TraceWriter w = new TraceWriter(256);
        encodeTo(event, w);
        return w.toByteArray();
    }

    static void encodeTo(final KernelEvent event, final TraceWriter out) {
        final Encoder e = ENCODERS.get(event.getClass());
        if (e == null) {
            throw new IllegalArgumentException("no trace encoding for " + event.getClass().getName()
                    + " (add it to TraceEncoding's tags and to EventTypes.OUTBOUND)");
        }
        out.putByte(e.tag);
        e.components.write(event, out);
    }

    /** The continuation record: tag 0, the previous hash's halves {@code h1}, {@code h2}, the previous event count. */
    static void encodeContinuation(final long h1, final long h2, final long events, final TraceWriter out) {
        out.putByte(TAG_CONTINUE);
        out.putLong(h1);
        out.putLong(h2);
        out.putLong(events);
    }

    /** The encoding of one event by the reflective writer alone (the rules applied directly; for tests). */
    static byte[] encodeReflectively(final KernelEvent event) {
        final TraceWriter w = new TraceWriter(256);
        w.putByte(tag(event.getClass()));
        reflective(event.getClass()).write(event, w);
        return w.toByteArray();
    }

    /** {@link #encodeReflectively} into a writer, as the next event of its stream (for tests). */
    static void encodeReflectivelyTo(final KernelEvent event, final TraceWriter out) {
        out.putByte(tag(event.getClass()));
        reflective(event.getClass()).write(event, out);
    }

    /** Whether a type has a hand-written writer (for tests). */
    static boolean isHandWritten(final Class<?> type) {
        return HAND_WRITTEN.containsKey(type);
    }

    // ---------------------------------------------------------------------------------------- hand-written writers

    private static Map<Class<?>, ComponentWriter> handWritten() {
        final Map<Class<?>, ComponentWriter> m = new LinkedHashMap<>();
        m.put(OrderSubmitted.class, (e, w) -> {
            final OrderSubmitted x = (OrderSubmitted) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putEnum(x.side());
            w.putEnum(x.type());
            w.putEnum(x.timeInForce());
            w.putLong(x.price());
            w.putLong(x.triggerPrice());
            w.putLong(x.qty());
            w.putBoolean(x.reduceOnly());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderSent.class, (e, w) -> {
            final OrderSent x = (OrderSent) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putInt(x.attempt());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderAccepted.class, (e, w) -> {
            final OrderAccepted x = (OrderAccepted) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putString(x.venueOrderId());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderCanceled.class, (e, w) -> {
            final OrderCanceled x = (OrderCanceled) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putEnum(x.reason());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderDenied.class, (e, w) -> {
            final OrderDenied x = (OrderDenied) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putEnum(x.reason());
            w.putString(x.message());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderRejected.class, (e, w) -> {
            final OrderRejected x = (OrderRejected) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putEnum(x.reason());
            w.putString(x.message());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderPendingCancel.class, (e, w) -> {
            final OrderPendingCancel x = (OrderPendingCancel) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderExpired.class, (e, w) -> {
            final OrderExpired x = (OrderExpired) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(OrderFilled.class, (e, w) -> {
            final OrderFilled x = (OrderFilled) e;
            w.putId(x.clientOrderId());
            w.putId(x.strategyId());
            w.putId(x.instrumentId());
            w.putString(x.tradeId());
            w.putEnum(x.side());
            w.putLong(x.lastPrice());
            w.putLong(x.lastQty());
            w.putLong(x.cumQty());
            w.putLong(x.leavesQty());
            w.putLong(x.feeMoney());
            w.putEnum(x.liquidity());
            w.putBoolean(x.late());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(PositionChanged.class, (e, w) -> {
            final PositionChanged x = (PositionChanged) e;
            w.putId(x.instrumentId());
            w.putLong(x.signedQty());
            w.putLong(x.avgEntryPrice());
            w.putLong(x.realizedPnlMoney());
            w.putLong(x.feesMoney());
            w.putLong(x.fundingMoney());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(StrategyStateChanged.class, (e, w) -> {
            final StrategyStateChanged x = (StrategyStateChanged) e;
            w.putId(x.strategyId());
            w.putEnum(x.from());
            w.putEnum(x.to());
            w.putEnum(x.trigger());
            w.putString(x.reason());
            w.putStringMap(x.metadata());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        m.put(TradingStateChanged.class, (e, w) -> {
            final TradingStateChanged x = (TradingStateChanged) e;
            w.putEnum(x.from());
            w.putEnum(x.to());
            w.putEnum(x.trigger());
            w.putString(x.reason());
            w.putStringMap(x.metadata());
            w.putLong(x.tsEventNanos());
            w.putLong(x.tsInitNanos());
        });
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------------------------------- the reflective writer

    private static final MethodType GET_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final MethodType GET_LONG = MethodType.methodType(long.class, Object.class);
    private static final MethodType GET_INT = MethodType.methodType(int.class, Object.class);
    private static final MethodType GET_BOOLEAN = MethodType.methodType(boolean.class, Object.class);

    /** Writes one value of a declared type. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(Object value, TraceWriter out);
    }

    /**
     * The writer of a record type that applies the encoding rules to its components as declared. Fails at once for
     * a component type the encoding has no rule for, so a new event field cannot silently escape the trace.
     */
    private static ComponentWriter reflective(final Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("trace events are records: " + type.getName());
        }
        final RecordComponent[] rc = type.getRecordComponents();
        final ComponentWriter[] parts = new ComponentWriter[rc.length];
        for (int i = 0; i < rc.length; i++) {
            parts[i] = component(type, rc[i]);
        }
        return (e, w) -> {
            for (final ComponentWriter p : parts) {
                p.write(e, w);
            }
        };
    }

    private static ComponentWriter component(final Class<?> owner, final RecordComponent c) {
        final MethodHandle getter;
        try {
            getter = MethodHandles.publicLookup().unreflect(c.getAccessor());
        } catch (IllegalAccessException ex) {
            throw new IllegalArgumentException("cannot read " + owner.getSimpleName() + "." + c.getName(), ex);
        }
        final String where = owner.getSimpleName() + "." + c.getName();
        final Class<?> raw = c.getType();
        if (raw == long.class) {
            final MethodHandle g = getter.asType(GET_LONG);
            return (e, w) -> {
                try {
                    w.putLong((long) g.invokeExact(e));
                } catch (Throwable t) {
                    throw unreadable(where, t);
                }
            };
        }
        if (raw == int.class) {
            final MethodHandle g = getter.asType(GET_INT);
            return (e, w) -> {
                try {
                    w.putInt((int) g.invokeExact(e));
                } catch (Throwable t) {
                    throw unreadable(where, t);
                }
            };
        }
        if (raw == boolean.class) {
            final MethodHandle g = getter.asType(GET_BOOLEAN);
            return (e, w) -> {
                try {
                    w.putBoolean((boolean) g.invokeExact(e));
                } catch (Throwable t) {
                    throw unreadable(where, t);
                }
            };
        }
        final ValueWriter v = valueWriter(c.getGenericType(), where);
        final MethodHandle g = getter.asType(GET_OBJECT);
        return (e, w) -> {
            final Object value;
            try {
                value = (Object) g.invokeExact(e);
            } catch (Throwable t) {
                throw unreadable(where, t);
            }
            v.write(value, w);
        };
    }

    private static IllegalStateException unreadable(final String where, final Throwable t) {
        return new IllegalStateException("cannot read " + where, t);
    }

    /** The writer of an object value of a declared (possibly generic) type. */
    private static ValueWriter valueWriter(final Type type, final String where) {
        final Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return (v, w) -> w.putString((String) v);
        }
        if (raw.isEnum()) {
            return (v, w) -> w.putEnum((Enum<?>) v);
        }
        if (raw == ClientOrderId.class) {
            return (v, w) -> w.putId((ClientOrderId) v);
        }
        if (raw == StrategyId.class) {
            return (v, w) -> w.putId((StrategyId) v);
        }
        if (raw == InstrumentId.class) {
            // the rule is "SYMBOL.VENUE as a string"; putId(InstrumentId) writes the same bytes without building it
            return (v, w) -> w.putString(v == null ? null : v.toString());
        }
        if (raw == SortedMap.class && type instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == String.class) {
            return (v, w) -> {
                @SuppressWarnings("unchecked")
                final SortedMap<String, String> m = (SortedMap<String, String>) v;
                if (m == null) {
                    w.putInt(TraceWriter.NULL_LENGTH);
                    return;
                }
                // the rule applied through the Map interface (for AuditMetadata this materializes its view)
                w.putInt(m.size());
                for (final Map.Entry<String, String> en : m.entrySet()) {
                    w.putString(en.getKey());
                    w.putMetadataValue(en.getValue());
                }
            };
        }
        if (raw == List.class && type instanceof ParameterizedType p) {
            final ValueWriter element = valueWriter(p.getActualTypeArguments()[0], where + "[]");
            return (v, w) -> {
                final List<?> list = (List<?>) v;
                if (list == null) {
                    w.putInt(TraceWriter.NULL_LENGTH);
                    return;
                }
                w.putInt(list.size());
                for (final Object o : list) {
                    element.write(o, w);
                }
            };
        }
        if (raw == Long.class || raw == Integer.class || raw == Boolean.class) {
            throw new IllegalArgumentException(where + ": boxed " + raw.getSimpleName()
                    + " has no trace encoding (use the primitive, or a rule for null in TraceEncoding)");
        }
        if (raw.isRecord()) {
            final RecordComponent[] rc = raw.getRecordComponents();
            final ComponentWriter[] parts = new ComponentWriter[rc.length];
            for (int i = 0; i < rc.length; i++) {
                parts[i] = component(raw, rc[i]);
            }
            return (v, w) -> {
                if (v == null) {
                    w.putByte(0);
                    return;
                }
                w.putByte(1);
                for (final ComponentWriter part : parts) {
                    part.write(v, w);
                }
            };
        }
        throw new IllegalArgumentException(where + ": no trace encoding for " + type.getTypeName());
    }

}
