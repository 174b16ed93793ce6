package dev.tandem.bench;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.execution.RateLimit;
import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.risk.RiskLimits;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared set-up of the benchmarks: one venue, one BTCUSDT perpetual, a kernel wired to a {@link NullExecutionPort}. */
final class BenchFixtures {
    /** The only venue. */
    static final String VENUE = "SIM";
    /** 2026-01-01T00:00:00Z; any fixed start works, the kernel never reads a wall clock. */
    static final long START_NANOS = 1_767_225_600_000_000_000L;
    /** Fixed seed: every run of a benchmark drives the kernel through the same states. */
    static final long SEED = 42L;
    /** Mid price around 60 000.00 (price scale 2). */
    static final long MID = 6_000_000L;

    private BenchFixtures() {}

    /**
     * BTCUSDT linear perpetual shaped like the venues' (tick 0.10, lot 0.001, min notional 5 USDT, fees 0.02 % /
     * 0.055 %, max leverage 100, maintenance margin 0.5 %). Price scale 2, quantity scale 3.
     */
    static Instrument btcUsdtPerp() {
        return new Instrument(
                new InstrumentId("BTCUSDT", VENUE),
                InstrumentKind.LINEAR_PERPETUAL,
                "BTC",
                "USDT",
                2,
                3,
                10,
                1,
                1,
                100_000,
                Fixed.money("5"),
                Fixed.rate("0.0002"),
                Fixed.rate("0.00055"),
                100,
                Fixed.rate("0.005"));
    }

    /** A configuration with the default risk limits and 100 000 USDT. */
    static KernelConfig config(final Instrument instrument) {
        return KernelConfig.defaults(SEED, START_NANOS, Fixed.money("100000"), List.of(instrument));
    }

    /**
     * The configuration of the order-path benchmark: the default limits (so every pre-trade check runs) except the
     * order-rate windows and rate-abuse counter, which would deny a benchmark's millions of intents per second, and
     * a token bucket large enough never to queue.
     */
    static KernelConfig orderPathConfig(final Instrument instrument) {
        final RiskLimits limits = RiskLimits.builder()
                .strategyOrderRate(0, 0)
                .globalOrderRate(0, 0)
                .rateAbuse(0, 0)
                .build();
        // one token per nanosecond, a billion in the bucket: the limiter is checked on every order but never empty
        final ExecutionConfig execution = ExecutionConfig.defaults()
                .withRateLimits(new RateLimit(1_000_000_000, 1), Map.of());
        return config(instrument).withRisk(limits).withExecution(execution);
    }

    /** A kernel with one port, no journal. */
    static Kernel kernel(final KernelConfig config, final NullExecutionPort port) {
        return new Kernel(config, List.of(port), EventJournal.NONE);
    }

    /**
     * {@code count} quotes with strictly increasing {@code tsInitNanos} ({@code stepNanos} apart, the first one
     * {@code stepNanos} after {@code afterNanos}) and a seeded random walk of the mid, one tick spread.
     */
    static QuoteTick[] quotes(final Instrument instrument, final int count, final long afterNanos, final long stepNanos) {
        final QuoteTick[] out = new QuoteTick[count];
        final SplittableRandom rnd = new SplittableRandom(SEED);
        final long tick = instrument.tickSize();
        long mid = MID;
        for (int i = 0; i < count; i++) {
            mid += tick * (rnd.nextInt(3) - 1);
            final long ts = afterNanos + (i + 1L) * stepNanos;
            out[i] = new QuoteTick(instrument.id(), mid - tick, 1_000 + rnd.nextInt(1_000), mid + tick,
                    1_000 + rnd.nextInt(1_000), ts, ts);
        }
        return out;
    }
}
