package dev.tandem.sim.data;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.random.RandomSource;
import java.util.NoSuchElementException;

/**
 * A seeded synthetic market: samples a {@link PriceProcess} on a fixed time grid and turns the path into a
 * time-ordered stream of trades, bars or quotes on the instrument's tick grid.
 *
 * <h2>Path</h2>
 * Points {@code t_i = start + i * step} for {@code i = 0 .. steps-1}. The unrounded path lives in log space:
 * {@code x_0 = ln(initialPrice)}, {@code x_(i+1) = x_i + process.logReturn(t_i, step)}; rounding never feeds back
 * into it. The price shown at {@code t_i} is {@code e^(x_i)} rounded half-even to the nearest tick, and at least
 * one tick (a price is never &lt;= 0; a path that falls below half a tick is shown at one tick).
 *
 * <h2>Randomness</h2>
 * Three independent {@link RandomSource} streams, each {@code RandomSource.forComponent(seed, "price-generator/" +
 * name + "/" + part)}: {@code path} (the process's draws), {@code qty} (trade and quote sizes) and {@code side}
 * (coin flips for unchanged prices). Every call to {@link #trades()}, {@link #bars(long)} or {@link #quotes(long)}
 * starts fresh streams, so each call replays the same market; trades, bars and quotes of one generator share the
 * price path. Same (seed, name, parameters) ⇒ the same stream, bit for bit.
 *
 * <h2>Streams</h2>
 * <ul>
 *   <li>{@link #trades()}: one trade per point, quantity a uniform whole number of lots in
 *       {@code [minLots, maxLots]}; aggressor BUY when the rounded price rose from the previous point, SELL when it
 *       fell, a fair coin from the {@code side} stream when unchanged (and for the first point); trade id
 *       {@code <name>-<i+1>}; {@code tsEventNanos = t_i}, {@code tsInitNanos = t_i + initDelay}.</li>
 *   <li>{@link #bars(long)}: the trades aggregated into bars of {@code interval} (a multiple of the step), like the
 *       files in {@code shared/data/bars}: O = first trade, H/L = max/min, C = last, V = sum of quantities; bar
 *       {@code b} opens at {@code start + b * interval} and is stamped at its close; only complete bars.</li>
 *   <li>{@link #quotes(long)}: one quote per point, bid = price - h ticks (at least one tick), ask = price + h ticks,
 *       sizes drawn like trade sizes (bid first).</li>
 * </ul>
 */
public final class PriceGenerator {
    private final Instrument instrument;
    private final PriceProcess process;
    private final String name;
    private final long seed;
    private final long initialPrice;
    private final long startNanos;
    private final long stepNanos;
    private final long steps;
    private final long minLots;
    private final long maxLots;
    private final long initDelayNanos;

    private PriceGenerator(final Builder b) {
        this.instrument = b.instrument;
        this.process = b.process;
        this.name = b.name == null ? b.process.name() : b.name;
        this.seed = b.seed;
        this.initialPrice = b.initialPrice;
        this.startNanos = b.startNanos;
        this.stepNanos = b.stepNanos;
        this.steps = b.steps;
        this.minLots = b.minLots;
        this.maxLots = b.maxLots;
        this.initDelayNanos = b.initDelayNanos;
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!instrument.isValidPrice(initialPrice)) {
            throw new IllegalArgumentException("initial price must be positive and on the tick grid: " + initialPrice);
        }
        if (stepNanos <= 0 || steps <= 0) {
            throw new IllegalArgumentException("step and steps must be positive");
        }
        if (minLots < 1 || maxLots < minLots) {
            throw new IllegalArgumentException("need 1 <= minLots <= maxLots");
        }
        if (initDelayNanos < 0) {
            throw new IllegalArgumentException("initDelayNanos must be >= 0");
        }
        // the last point, its bar close and its init time must fit a long
        Math.addExact(Math.addExact(startNanos, Math.multiplyExact(steps, stepNanos)), initDelayNanos);
        Math.multiplyExact(maxLots, instrument.lotSize());
    }

    /**
     * Starts a builder.
     *
     * @param instrument tick grid, lot size, instrument id of the records
     * @param process    the price model
     * @param seed       the run's master seed
     */
    public static Builder builder(final Instrument instrument, final PriceProcess process, final long seed) {
        return new Builder(instrument, process, seed);
    }

    /** The name: part of every stream name and of trade ids; defaults to the process's name. */
    public String name() {
        return name;
    }

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** The process. */
    public PriceProcess process() {
        return process;
    }

    /** Number of points. */
    public long steps() {
        return steps;
    }

    /** The step. */
    public long stepNanos() {
        return stepNanos;
    }

    /** The time of point 0. */
    public long startNanos() {
        return startNanos;
    }

    /** One trade per point. */
    public MarketDataSource<TradeTick> trades() {
        return new Trades();
    }

    /**
     * Complete bars of {@code intervalNanos}, aggregated from {@link #trades()}.
     *
     * @param intervalNanos a positive multiple of the step
     */
    public MarketDataSource<Bar> bars(final long intervalNanos) {
        if (intervalNanos <= 0 || intervalNanos % stepNanos != 0) {
            throw new IllegalArgumentException("bar interval must be a positive multiple of the step " + stepNanos
                    + ": " + intervalNanos);
        }
        return new Bars(intervalNanos);
    }

    /**
     * One quote per point around the rounded price.
     *
     * @param halfSpreadTicks ticks from the price to each side, at least 1
     */
    public MarketDataSource<QuoteTick> quotes(final long halfSpreadTicks) {
        if (halfSpreadTicks < 1) {
            throw new IllegalArgumentException("halfSpreadTicks must be at least 1");
        }
        Math.multiplyExact(halfSpreadTicks, instrument.tickSize());
        return new Quotes(halfSpreadTicks);
    }

    private RandomSource stream(final String part) {
        return RandomSource.forComponent(seed, "price-generator/" + name + "/" + part);
    }

    /** Rounds a scaled price half-even to the tick, at least one tick. */
    static long toTick(final double scaledPrice, final long tick) {
        final double ticks = Math.rint(scaledPrice / tick);
        if (!(ticks < 9.0e15)) {
            throw new ArithmeticException("generated price " + scaledPrice + " is too large for the tick grid");
        }
        return Math.max(1L, (long) ticks) * tick;
    }

    /** Walks the path: point i's time and rounded price. */
    private final class PricePath {
        private final RandomSource random = stream("path");
        private long index = -1;
        private double logPrice = StrictMath.log(initialPrice);
        long time;
        long price;

        boolean advance() {
            if (index + 1 >= steps) {
                return false;
            }
            if (index >= 0) {
                logPrice += process.logReturn(time, stepNanos, random);
            }
            index++;
            time = startNanos + index * stepNanos;
            price = toTick(StrictMath.exp(logPrice), instrument.tickSize());
            return true;
        }

        long index() {
            return index;
        }
    }

    private long drawQty(final RandomSource qtyStream) {
        return qtyStream.nextLong(minLots, maxLots) * instrument.lotSize();
    }

    private abstract static class Lookahead<T extends MarketData>
            implements MarketDataSource<T> {
        private T next;

        abstract T compute();

        @Override
        public final boolean hasNext() {
            if (next == null) {
                next = compute();
            }
            return next != null;
        }

        @Override
        public final T next() {
            if (!hasNext()) {
                throw new NoSuchElementException(sourceName() + ": no more records");
            }
            final T r = next;
            next = null;
            return r;
        }
    }

    private final class Trades extends Lookahead<TradeTick> {
        private final PricePath path = new PricePath();
        private final RandomSource qty = stream("qty");
        private final RandomSource side = stream("side");
        private long previous = -1;

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        TradeTick compute() {
            if (!path.advance()) {
                return null;
            }
            final long p = path.price;
            final Side aggressor;
            if (previous >= 0 && p > previous) {
                aggressor = Side.BUY;
            } else if (previous >= 0 && p < previous) {
                aggressor = Side.SELL;
            } else {
                aggressor = side.nextBoolean(0.5) ? Side.BUY : Side.SELL;
            }
            previous = p;
            return new TradeTick(instrument.id(), p, drawQty(qty), aggressor, name + "-" + (path.index() + 1),
                    path.time, path.time + initDelayNanos);
        }
    }

    private final class Bars extends Lookahead<Bar> {
        private final Trades trades = new Trades();
        private final long interval;
        private final long perBar;
        private long barIndex;

        Bars(final long interval) {
            this.interval = interval;
            this.perBar = interval / stepNanos;
        }

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        Bar compute() {
            // only complete bars: the bar needs perBar more points
            if (steps - barIndex * perBar < perBar) {
                return null;
            }
            long o = 0;
            long h = Long.MIN_VALUE;
            long l = Long.MAX_VALUE;
            long c = 0;
            long v = 0;
            for (long k = 0; k < perBar; k++) {
                final TradeTick t = trades.next();
                if (k == 0) {
                    o = t.price();
                }
                h = Math.max(h, t.price());
                l = Math.min(l, t.price());
                c = t.price();
                v = Math.addExact(v, t.qty());
            }
            final long open = startNanos + barIndex * interval;
            barIndex++;
            final long close = open + interval;
            return new Bar(instrument.id(), open, interval, o, h, l, c, v, close,
                    Math.addExact(close, initDelayNanos));
        }
    }

    private final class Quotes extends Lookahead<QuoteTick> {
        private final PricePath path = new PricePath();
        private final RandomSource qty = stream("qty");
        private final long halfSpread;

        Quotes(final long halfSpreadTicks) {
            this.halfSpread = halfSpreadTicks * instrument.tickSize();
        }

        @Override
        public String sourceName() {
            return name;
        }

        @Override
        QuoteTick compute() {
            if (!path.advance()) {
                return null;
            }
            final long p = path.price;
            final long bid = Math.max(instrument.tickSize(), p - halfSpread);
            final long ask = Math.addExact(p, halfSpread);
            final long bidQty = drawQty(qty);
            final long askQty = drawQty(qty);
            return new QuoteTick(instrument.id(), bid, bidQty, ask, askQty, path.time, path.time + initDelayNanos);
        }
    }

    /** Builder of a {@link PriceGenerator}; initial price, step and steps are required. */
    public static final class Builder {
        private final Instrument instrument;
        private final PriceProcess process;
        private final long seed;
        private String name;
        private long initialPrice;
        private long startNanos;
        private long stepNanos;
        private long steps;
        private long minLots = 1;
        private long maxLots = 1;
        private long initDelayNanos;

        private Builder(final Instrument instrument, final PriceProcess process, final long seed) {
            if (instrument == null || process == null) {
                throw new IllegalArgumentException("instrument and process are required");
            }
            this.instrument = instrument;
            this.process = process;
            this.seed = seed;
        }

        /** The generator's name (default: the process's name); use distinct names for independent generators. */
        public Builder name(final String generatorName) {
            this.name = generatorName;
            return this;
        }

        /** The price at point 0, scaled, on the tick grid. */
        public Builder initialPrice(final long scaledPrice) {
            this.initialPrice = scaledPrice;
            return this;
        }

        /** The time of point 0 (default 0). */
        public Builder startNanos(final long nanos) {
            this.startNanos = nanos;
            return this;
        }

        /** The step between points. */
        public Builder stepNanos(final long nanos) {
            this.stepNanos = nanos;
            return this;
        }

        /** The number of points. */
        public Builder steps(final long count) {
            this.steps = count;
            return this;
        }

        /** Trade and quote sizes: a uniform whole number of lots in [min, max] (default 1..1). */
        public Builder lots(final long min, final long max) {
            this.minLots = min;
            this.maxLots = max;
            return this;
        }

        /** Added to each record's event time to give its init time (default 0). */
        public Builder initDelayNanos(final long nanos) {
            this.initDelayNanos = nanos;
            return this;
        }

        /** Validates and builds. */
        public PriceGenerator build() {
            return new PriceGenerator(this);
        }
    }
}
