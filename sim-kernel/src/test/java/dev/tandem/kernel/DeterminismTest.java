package dev.tandem.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.DisengageKillSwitch;
import dev.tandem.kernel.indicator.Sma;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.KernelHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden determinism (STYLE B4.7): a fixed scenario's trace hash and state digest are compared with values committed
 * in {@code src/test/resources/golden/kernel-determinism.golden}, produced by an earlier JVM. Running twice in one JVM
 * cannot catch per-JVM effects (hash salts, identity hashes, intrinsics); a golden file can, and CI runs it on every
 * JDK we build with.
 *
 * <p>Update the golden values only on purpose, after a change that is meant to alter the output:
 * {@code mvn -B verify -pl sim-kernel -Dtest=DeterminismTest -Dtandem.updateGolden=true}, and say why in the commit.
 */
class DeterminismTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/kernel-determinism.golden");
    private static final long SEED = 20_261_121L;

    /** SMA crossover on bars: long when fast > slow, flat otherwise; one lot size per entry. */
    private static final class SmaCross implements Strategy {
        private final Sma fast = new Sma(5);
        private final Sma slow = new Sma(20);
        private StrategyContext ctx;

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
            if (!slow.isReady()) {
                return;
            }
            final long pos = ctx.portfolio().positionQty(bar.instrumentId());
            if (fast.value() > slow.value() && pos == 0 && ctx.openOrders().isEmpty()) {
                ctx.marketOrder(bar.instrumentId(), Side.BUY, i.qty("0.010"));
            } else if (fast.value() < slow.value() && pos > 0 && ctx.openOrders().isEmpty()) {
                ctx.marketOrder(bar.instrumentId(), Side.SELL, pos);
            }
        }
    }

    private static Map<String, String> run() {
        final Instrument btc = Instruments.btcUsdtPerp();
        final InstrumentId id = btc.id();
        final KernelConfig config = KernelConfig.defaults(SEED, KernelHarness.START_NANOS, Fixed.money("10000"), List.of(btc))
                .withLeverage(id, 5)
                .withReconcileInterval(3_600 * KernelHarness.SECOND);
        final KernelHarness h = KernelHarness.started(config, 5 * KernelHarness.MILLI, StrategySpec.of("sma", id, new SmaCross()));
        final RandomSource path = RandomSource.forComponent(SEED, "golden.path");
        long price = btc.price("60000.00");
        for (int n = 1; n <= 400; n++) {
            final long t = KernelHarness.START_NANOS + n * KernelHarness.BAR_INTERVAL_NANOS;
            final long step = (long) (path.nextGaussian() * 3_000); // ~30 USDT per minute, on the 0.10 tick grid
            price = Math.max(btc.tickSize(), btc.roundPrice(price + step));
            h.port().setMarketPrice(id, price);
            h.mark(id, t, price);
            h.bar(id, t, price);
            if (n == 100) {
                h.atTime(t + 1, () -> h.port().failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0));
            }
            if (n == 150) {
                h.atTime(t + 1, () -> h.port().loseNextRequest(RequestKind.SUBMIT));
            }
            if (n == 200) {
                h.publish(new EngageKillSwitch("golden", "drill", true, t + 2, t + 2));
            }
            if (n == 230) {
                h.publish(new DisengageKillSwitch("golden", "drill over", t + 2, t + 2));
            }
            if (n % 60 == 0) {
                h.fundingSettled(id, t + 3, Fixed.rate("0.0001"), price);
            }
        }
        h.runUntil(KernelHarness.START_NANOS + 401 * KernelHarness.BAR_INTERVAL_NANOS);
        assertThat(h.kernel().checkInvariants()).isEmpty();
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("traceHash", h.kernel().traceHash());
        out.put("stateDigest", h.kernel().stateDigest());
        out.put("outboundEvents", Long.toString(h.kernel().outboundEvents()));
        out.put("inboundEvents", Long.toString(h.kernel().inboundSeq()));
        out.put("fills", Integer.toString(h.events(dev.tandem.kernel.event.OrderFilled.class).size()));
        return out;
    }

    @Test
    void fixedScenarioMatchesTheGoldenTraceHashAndStateDigest() throws IOException {
        final Map<String, String> actual = run();
        assertThat(Integer.parseInt(actual.get("fills"))).as("the scenario must trade to be meaningful").isGreaterThan(4);
        final StringBuilder text = new StringBuilder("# written by DeterminismTest with -Dtandem.updateGolden=true; do not edit by hand\n");
        actual.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        if (Boolean.getBoolean("tandem.updateGolden")) {
            Files.writeString(GOLDEN, text.toString(), StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(GOLDEN)).as("golden file " + GOLDEN.toAbsolutePath() + " (create it with -Dtandem.updateGolden=true)").isTrue();
        final Map<String, String> golden = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                golden.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(actual).as("seed %d: output differs from the golden run (JDK %s)", SEED, Runtime.version()).isEqualTo(golden);
    }

    @Test
    void sameScenarioTwiceInOneJvmIsIdentical() {
        assertThat(run()).isEqualTo(run());
    }
}
