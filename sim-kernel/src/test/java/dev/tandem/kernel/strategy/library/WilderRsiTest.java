package dev.tandem.kernel.strategy.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.indicator.Rsi;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library's restorable RSI is the kernel indicator's RSI, bit for bit, and survives a save/restore exactly. */
class WilderRsiTest {
    private static final Gen<List<Double>> PATHS = Gen.listOf(Gen.doubles(-500, 500), 1, 120)
            .map(steps -> {
                double p = 60_000;
                final List<Double> out = new java.util.ArrayList<>();
                for (final double s : steps) {
                    p += Math.rint(s * 10) / 10; // BTC prices on the 0.10 tick, with repeats and reversals
                    out.add(p);
                }
                return out;
            });

    @Test
    void equalsTheKernelIndicatorBitForBit() {
        Property.forAll(Gen.pairs(Gen.ints(1, 30), PATHS)).check(c -> {
            final Rsi reference = new Rsi(c.first());
            final WilderRsi rsi = new WilderRsi(c.first());
            for (final double p : c.second()) {
                reference.update(p);
                rsi.update(p);
                assertThat(rsi.isReady()).isEqualTo(reference.isReady());
                assertThat(Double.doubleToRawLongBits(rsi.value())).isEqualTo(Double.doubleToRawLongBits(reference.value()));
            }
        });
    }

    private record Cut(int period, List<Double> path, int at) {}

    @Test
    void aRestoredCopyContinuesExactly() {
        Property.forAll(Gen.zip(Gen.ints(1, 20), PATHS, Gen.ints(0, 119), (period, path, at) -> new Cut(period, path, Math.min(at, path.size()))))
                .check(c -> {
                    final WilderRsi original = new WilderRsi(c.period());
                    c.path().subList(0, c.at()).forEach(original::update);
                    final StateText saved = StateText.write("t/1");
                    original.save(saved);
                    final WilderRsi copy = new WilderRsi(c.period());
                    copy.restore(StateText.read("t/1", saved.toString()));
                    for (final double p : c.path().subList(c.at(), c.path().size())) {
                        original.update(p);
                        copy.update(p);
                        assertThat(Double.doubleToRawLongBits(copy.value())).isEqualTo(Double.doubleToRawLongBits(original.value()));
                    }
                    assertThat(copy.updates()).isEqualTo(original.updates());
                });
    }

    @Test
    void edgeRulesMatchTheIndicatorDocumentation() {
        final WilderRsi flat = new WilderRsi(2);
        List.of(100.0, 100.0, 100.0).forEach(flat::update);
        assertThat(flat.value()).isEqualTo(50.0);
        final WilderRsi up = new WilderRsi(2);
        List.of(100.0, 101.0, 102.0).forEach(up::update);
        assertThat(up.value()).isEqualTo(100.0);
        final WilderRsi down = new WilderRsi(2);
        List.of(100.0, 99.0).forEach(down::update);
        assertThat(down.isReady()).isFalse();
        assertThat(down.value()).isNaN();
    }
}
