package dev.tandem.reports;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.DisengageKillSwitch;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.indicator.Sma;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.KernelHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Real runs for report tests: the kernel (sim-kernel's {@link KernelHarness} with its scripted venue) trading an SMA
 * crossover on the real Bitstamp BTC/USD 5-minute bars of {@code shared/data/bars/bitstamp_btcusd_5m.csv}, recorded by
 * a {@link RunRecorder}. The chaos run adds what a chaos scenario would: an order-entry outage (transient failures →
 * retries → breaker), a lost answer (unknown outcome resolved by query), a venue rejection, a kill-switch drill, a
 * forced liquidation, funding every 8 hours, and the data's own gaps (stale data pauses the strategy).
 *
 * <p>Market orders fill at the next bar's open (the kernel decides on the close), so slippage against the arrival
 * price is real. Everything is deterministic: same data and seed, same record.
 */
final class SampleRuns {
    static final long SEED = 20_131_125L;
    static final String BARS = "bars/bitstamp_btcusd_5m.csv";
    private static final long BAR_NANOS = 300 * KernelHarness.SECOND;

    private SampleRuns() {}

    /** SMA crossover, always in the market: long when the fast average is above the slow one, short below. */
    static final class SmaCross implements Strategy {
        private final Sma fast = new Sma(12);
        private final Sma slow = new Sma(48);
        private final long qty;
        private StrategyContext ctx;

        SmaCross(final long qty) {
            this.qty = qty;
        }

        @Override
        public void onStart(final StrategyContext context) {
            this.ctx = context;
        }

        @Override
        public void onBar(final Bar bar) {
            final Instrument i = ctx.instrument(bar.instrumentId());
            final double close = Fixed.toDouble(bar.close(), i.priceScale());
            fast.update(close);
            slow.update(close);
            if (!slow.isReady() || !ctx.openOrders().isEmpty() || ctx.state() != StrategyState.RUNNING) {
                return;
            }
            final long desired = fast.value() > slow.value() ? qty : -qty;
            final long pos = ctx.portfolio().positionQty(bar.instrumentId());
            if (pos == desired) {
                return;
            }
            if (pos != 0 && Long.signum(pos) != Long.signum(desired)) {
                ctx.marketOrder(bar.instrumentId(), pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos));
                ctx.marketOrder(bar.instrumentId(), desired > 0 ? Side.BUY : Side.SELL, qty);
            } else {
                final long delta = desired - pos;
                ctx.marketOrder(bar.instrumentId(), delta > 0 ? Side.BUY : Side.SELL, Math.abs(delta));
            }
        }
    }

    /** One parsed bar of the CSV: open time (seconds) and prices at the instrument's scale. */
    record CsvBar(long openSeconds, long open, long high, long low, long close, long volume) {}

    /** A run and everything a test may want to look at. */
    record Run(RunRecord record, KernelHarness harness, Path barsFile) {}

    /** The real-data directory: the repository's {@code data/}, else {@code shared/data} ({@link dev.tandem.testkit.DataFiles}). */
    static Optional<Path> sharedData() {
        return dev.tandem.testkit.DataFiles.dir();
    }

    /** The real bars file; skips the test when absent, fails when {@code required}. */
    static Path barsFile(final boolean required) {
        final Optional<Path> dir = sharedData().map(d -> d.resolve(BARS)).filter(Files::isRegularFile);
        final String message = "data/" + BARS + " not found above " + Path.of("").toAbsolutePath() + " (set -Dtandem.sharedData=DIR)";
        if (dir.isEmpty()) {
            if (required) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return dir.get();
    }

    static List<CsvBar> readBars(final Path file, final Instrument i) {
        final List<CsvBar> out = new ArrayList<>();
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 1; n < lines.size(); n++) {
                final String[] f = lines.get(n).trim().split(",");
                out.add(new CsvBar(Long.parseLong(f[0]), i.price(f[1]), i.price(f[2]), i.price(f[3]), i.price(f[4]),
                        new BigDecimal(f[5]).setScale(i.qtyScale(), RoundingMode.HALF_EVEN).unscaledValue().longValueExact()));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String sha256(final Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run without any chaos (no faults, no drill, no liquidation; funding still applies). */
    static Run baseline(final Path barsFile) {
        return run(barsFile, false);
    }

    /** The run with the chaos described in the class comment. */
    static Run chaos(final Path barsFile) {
        return run(barsFile, true);
    }

    private static Run run(final Path barsFile, final boolean chaos) {
        final Instrument btc = Instruments.btcUsdtPerp();
        final List<CsvBar> bars = readBars(barsFile, btc);
        // where the strategy trades without faults: faults are placed on those bars so that they meet real orders
        final List<Long> submitTimes = chaos ? submitTimes(btc, bars) : List.of();
        return execute(btc, bars, barsFile, chaos, submitTimes);
    }

    private static KernelConfig config(final Instrument btc, final long start) {
        final RiskLimits limits = RiskLimits.defaults().toBuilder()
                .dataStaleNanos(6 * 60 * KernelHarness.SECOND) // 5-minute bars: a missing bar makes the data stale
                .build();
        return KernelConfig.defaults(SEED, start, Fixed.money("10000"), List.of(btc))
                .withLeverage(btc.id(), 5)
                .withRisk(limits)
                .withReconcileInterval(3_600 * KernelHarness.SECOND);
    }

    private static List<Long> submitTimes(final Instrument btc, final List<CsvBar> bars) {
        final Run dry = execute(btc, bars, null, false, List.of());
        final List<Long> times = new ArrayList<>();
        for (final OrderSubmitted s : dry.harness().events(OrderSubmitted.class)) {
            if (times.isEmpty() || times.get(times.size() - 1) != s.tsInitNanos()) {
                times.add(s.tsInitNanos());
            }
        }
        return times;
    }

    /** The submit time closest after a fraction of the run. */
    private static long signalAfter(final List<Long> submits, final long start, final long end, final double fraction) {
        final long target = start + (long) ((end - start) * fraction);
        for (final long t : submits) {
            if (t >= target) {
                return t;
            }
        }
        return submits.get(submits.size() - 1);
    }

    private static Run execute(final Instrument btc, final List<CsvBar> bars, final Path barsFile, final boolean chaos, final List<Long> submits) {
        final InstrumentId id = btc.id();
        final long start = bars.get(0).openSeconds() * KernelHarness.SECOND;
        final KernelHarness h = new KernelHarness(config(btc, start), 50 * KernelHarness.MILLI,
                List.of(StrategySpec.of("sma", id, new SmaCross(btc.qty("0.500")))));
        h.followMarket(false);
        final RunRecorder recorder = RunRecorder.attach(h.kernel());
        h.start();
        final long end = bars.get(bars.size() - 1).openSeconds() * KernelHarness.SECOND + BAR_NANOS;

        for (int n = 0; n < bars.size(); n++) {
            final CsvBar b = bars.get(n);
            final long close = b.openSeconds() * KernelHarness.SECOND + BAR_NANOS;
            // the venue's price after the bar closes is the next bar's open: decisions on the close fill there
            final long fillPrice = n + 1 < bars.size() ? bars.get(n + 1).open() : b.close();
            h.atTime(close, () -> h.port().setMarketPrice(id, fillPrice));
            h.publish(new Bar(id, close - BAR_NANOS, BAR_NANOS, b.open(), b.high(), b.low(), b.close(), b.volume(), close, close));
            if ((close - start) % (8 * 3_600 * KernelHarness.SECOND) < BAR_NANOS && n > 0) {
                h.fundingSettled(id, close + 500 * KernelHarness.MILLI, Fixed.rate("0.0001"), b.close());
            }
            // the scripted venue books fees but not realized PnL or funding (a simplification of the test double):
            // once the bar's fills and funding are in, its wallet is set to the kernel's, so that reconciliation (hourly,
            // or a second later when orders were in flight) finds only the differences the chaos causes
            h.atTime(close + 900 * KernelHarness.MILLI, () -> h.port().setBalance("USDT", h.kernel().portfolio().balanceMoney("USDT")));
        }
        if (chaos) {
            scheduleChaos(h, recorder, btc, submits, start, end);
        }
        for (final CsvBar b : bars) {
            final long close = b.openSeconds() * KernelHarness.SECOND + BAR_NANOS;
            h.runUntil(close + 2 * KernelHarness.SECOND);
            recorder.sample(h.nowNanos());
        }
        h.runUntil(end + 10 * KernelHarness.SECOND);
        recorder.sample(h.nowNanos());

        final TreeMap<String, String> params = new TreeMap<>();
        params.put("fast", "12");
        params.put("slow", "48");
        params.put("qty", "0.500 BTC");
        params.put("faults", chaos ? "outage, lost answer, venue reject, kill-switch drill, forced liquidation" : "none");
        final List<Provenance.DataFile> data = barsFile == null ? List.of()
                : List.of(new Provenance.DataFile("shared/data/" + BARS, sha256(barsFile)));
        final Provenance p = new Provenance(chaos ? "BTC SMA crossover under chaos" : "BTC SMA crossover (baseline)", SEED, null, null, data,
                "0.1.0-SNAPSHOT", "scripted venue: market orders fill at the next bar's open (reports test fixture)", h.traceHash(),
                "mvn -B verify -pl reports -Dtest=HtmlReportBrowserTest   # builds this run in SampleRuns." + (chaos ? "chaos" : "baseline"), params);
        return new Run(recorder.finish(p), h, barsFile);
    }

    private static void scheduleChaos(final KernelHarness h, final RunRecorder recorder, final Instrument btc, final List<Long> submits,
            final long start, final long end) {
        final InstrumentId id = btc.id();
        final long s = KernelHarness.SECOND;
        // 1. order-entry outage: the next six submit requests fail with HTTP 503 (retries, a rejection, the breaker)
        final long outage = signalAfter(submits, start, end, 0.22) - 1;
        h.atTime(outage, () -> {
            for (int k = 0; k < 6; k++) {
                h.port().failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            }
        });
        recorder.span(outage, outage + 10 * 60 * s, TimelineCategory.FAULT, "OUTAGE: order entry answers HTTP 503",
                "the venue's order gateway fails every request for 10 minutes (six submit attempts hit)");
        // 2. a submit is processed but its answer is lost: unknown outcome, resolved by querying the order
        final long lost = signalAfter(submits, start, end, 0.40) - 1;
        h.atTime(lost, () -> h.port().failNext(RequestKind.SUBMIT, FailureKind.UNKNOWN_OUTCOME, 0));
        recorder.timeline(lost, TimelineCategory.FAULT, "LOST_ACK: the answer to a submit is lost", "the order is placed; the kernel hears nothing");
        // 3. the venue rejects an order
        final long reject = signalAfter(submits, start, end, 0.50) - 1;
        h.atTime(reject, () -> h.port().rejectNext(ReasonCode.VENUE_INSUFFICIENT_BALANCE));
        recorder.timeline(reject, TimelineCategory.FAULT, "REJECT: venue refuses an order", "VENUE_INSUFFICIENT_BALANCE on the next submit");
        // 4. the operator's kill-switch drill: halt and flatten, two hours later resume
        final long drill = start + (long) ((end - start) * 0.62) + 30 * s;
        h.publish(new EngageKillSwitch("ops", "chaos drill: kill switch with flatten", true, drill, drill));
        h.publish(new DisengageKillSwitch("ops", "drill over", drill + 2 * 3_600 * s, drill + 2 * 3_600 * s));
        recorder.timeline(drill, TimelineCategory.NOTE, "Operator drill: kill switch engaged (flatten)", "disengaged two hours later");
        // 5. the venue liquidates the position 8 % through the market
        final long liquidation = start + (long) ((end - start) * 0.83) + 40 * s;
        h.atTime(liquidation, () -> {
            final long pos = h.kernel().portfolio().positionQty(id);
            if (pos == 0) {
                return;
            }
            final long mark = h.kernel().data().referencePrice(id);
            final long price = btc.roundPrice(pos > 0 ? mark * 92 / 100 : mark * 108 / 100);
            final long fee = btc.fee(btc.notional(price, Math.abs(pos)), Liquidity.TAKER);
            h.externalFill(id, liquidation, pos > 0 ? Side.SELL : Side.BUY, price, Math.abs(pos), fee, Liquidity.LIQUIDATION, "LIQ-1");
            recorder.timeline(liquidation, TimelineCategory.FAULT, "FORCED_LIQUIDATION: the venue closes the position",
                    "closed " + btc.formatQty(Math.abs(pos)) + " BTC at " + btc.formatPrice(price) + ", 8 % through the mark");
        });
    }
}
