package dev.tandem.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.digest.StateDigest;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aPlanIsSortedByStartTimeKeepingTheGivenOrderForTies() {
        final Fault c = Fault.maintenanceHalt(30 * S, S);
        final Fault a = Fault.staleBook(10 * S, S);
        final Fault b1 = Fault.mdDisconnect(20 * S, S);
        final Fault b2 = Fault.mdGap(20 * S, S, 0.5);
        final FaultPlan plan = FaultPlan.of(c, a, b1, b2);
        assertThat(plan.faults()).containsExactly(a, b1, b2, c);
        assertThat(FaultPlan.of(b2, b1).faults()).containsExactly(b2, b1);
        assertThat(plan.plus(Fault.priceGap(20 * S, "BTCUSDT", 100)).faults()).hasSize(5).element(3).extracting(Fault::type)
                .isEqualTo(FaultType.PRICE_GAP);
        assertThat(FaultPlan.of(a).plus(FaultPlan.of(c, b1))).isEqualTo(FaultPlan.of(a, b1, c));
        assertThat(FaultPlan.none().isEmpty()).isTrue();
        assertThat(plan.faults(FaultType.MD_GAP)).containsExactly(b2);
    }

    @Test
    void aWindowCoversItsStartButNotItsEnd() {
        final FaultPlan plan = FaultPlan.of(Fault.outage(10 * S, 5 * S, FaultVariant.HTTP_5XX), Fault.outage(12 * S, 10 * S, FaultVariant.TIMEOUT));
        assertThat(plan.activeAt(FaultType.OUTAGE, 10 * S - 1)).isNull();
        assertThat(plan.activeAt(FaultType.OUTAGE, 10 * S).variant()).isEqualTo(FaultVariant.HTTP_5XX);
        assertThat(plan.activeAt(FaultType.OUTAGE, 13 * S).variant()).as("first in plan order").isEqualTo(FaultVariant.HTTP_5XX);
        assertThat(plan.activeAt(FaultType.OUTAGE, 15 * S).variant()).isEqualTo(FaultVariant.TIMEOUT);
        assertThat(plan.activeAt(FaultType.OUTAGE, 22 * S)).isNull();
        assertThat(plan.activeAt(FaultType.RATE_LIMIT, 13 * S)).isNull();
    }

    @Test
    void faultsAreValidatedAgainstTheirType() {
        assertThatThrownBy(() -> new Fault(FaultType.OUTAGE, 0, 0, null, FaultVariant.TIMEOUT, 1, 0))
                .hasMessageContaining("positive duration");
        assertThatThrownBy(() -> new Fault(FaultType.PRICE_GAP, 0, S, null, FaultVariant.NONE, 1, 100))
                .hasMessageContaining("instant");
        assertThatThrownBy(() -> Fault.outage(0, S, FaultVariant.HTTP_429)).hasMessageContaining("variant");
        assertThatThrownBy(() -> Fault.rateLimit(0, S, FaultVariant.NONE, 0)).hasMessageContaining("variant");
        assertThatThrownBy(() -> new Fault(FaultType.STALE_BOOK, 0, S, null, FaultVariant.TIMEOUT, 1, 0)).hasMessageContaining("variant");
        assertThatThrownBy(() -> Fault.lostAck(0, S, 0.0)).hasMessageContaining("probability");
        assertThatThrownBy(() -> Fault.mdGap(0, S, 1.01)).hasMessageContaining("probability");
        assertThatThrownBy(() -> Fault.latencySpike(0, S, 0)).hasMessageContaining("magnitude");
        assertThatThrownBy(() -> Fault.reorderReports(0, S, 0)).hasMessageContaining("magnitude");
        assertThatThrownBy(() -> Fault.priceGap(0, null, 0)).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> Fault.priceGap(0, null, -10_000)).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> Fault.rateLimit(0, S, FaultVariant.MEXC_418, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Fault.mdDisconnect(-1, S)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Fault.mdDisconnect(Long.MAX_VALUE - 1, S)).hasMessageContaining("overflows");
        assertThatThrownBy(() -> Fault.externalClose(0, "")).hasMessageContaining("symbol");
        assertThat(Fault.priceGap(5, "BTCUSDT", -300).describe()).isEqualTo("PRICE_GAP on BTCUSDT magnitude=-300");
        assertThat(Fault.rateLimit(5, S, FaultVariant.BYBIT_10006, 2 * S).describe())
                .isEqualTo("RATE_LIMIT BYBIT_10006 for 1000000000 ns magnitude=2000000000");
        assertThat(Fault.mdGap(5, S, 0.25).describe()).isEqualTo("MD_GAP for 1000000000 ns p=0.250000");
        assertThat(Fault.lostAck(5, S, 0.9999999).describe()).isEqualTo("LOST_ACK for 1000000000 ns p=0.999999");
        assertThat(Fault.externalClose(5, null).appliesTo("ETHUSDT")).isTrue();
        assertThat(Fault.externalClose(5, "BTCUSDT").appliesTo("ETHUSDT")).isFalse();
    }

    @Test
    void aProfileDrawsTheSamePlanFromTheSameSeed() {
        final FaultProfile p = FaultProfile.everything();
        final List<String> symbols = List.of("BTCUSDT", "ETHUSDT");
        final FaultPlan a = p.draw(42, 0, 6 * 3600 * S, symbols);
        assertThat(p.draw(42, 0, 6 * 3600 * S, symbols)).isEqualTo(a);
        assertThat(p.draw(43, 0, 6 * 3600 * S, symbols)).isNotEqualTo(a);
        assertThat(FaultProfile.flakyNetwork().draw(42, 0, 6 * 3600 * S, symbols)).isNotEqualTo(a);
        // about one fault per 3 minutes over 6 hours, every type, windows within the profile's bounds
        assertThat(a.size()).isBetween(80, 160);
        final EnumSet<FaultType> seen = EnumSet.noneOf(FaultType.class);
        for (final Fault f : a.faults()) {
            seen.add(f.type());
            assertThat(f.atNanos()).isBetween(0L, 6 * 3600 * S - 1);
            if (f.type().windowed()) {
                assertThat(f.durationNanos()).isBetween(p.minDurationNanos(), p.maxDurationNanos());
            } else {
                assertThat(f.symbol()).isIn(symbols);
            }
        }
        assertThat(seen).isEqualTo(EnumSet.allOf(FaultType.class));
        assertThat(FaultProfile.hostileVenue().draw(1, 0, 6 * 3600 * S, symbols).faults())
                .allSatisfy(f -> assertThat(f.type()).isIn(FaultProfile.hostileVenue().types()));
    }

    @Test
    void aProfileDrawsNothingOverAnEmptyHorizonAndIsBounded() {
        assertThat(FaultProfile.everything().draw(1, 10 * S, 10 * S, List.of()).isEmpty()).isTrue();
        final FaultProfile dense = new FaultProfile("dense", 1, 1, 2, List.of(FaultType.MD_GAP));
        assertThat(dense.draw(1, 0, Long.MAX_VALUE / 2, List.of()).size()).isEqualTo(FaultProfile.MAX_FAULTS);
        assertThatThrownBy(() -> new FaultProfile("x", 1, 1, 2, List.of(FaultType.MD_GAP, FaultType.MD_GAP)))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new FaultProfile("x", 0, 1, 2, List.of(FaultType.MD_GAP))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInjectorPicksTheFirstActiveFaultRollsOnlyWhenItMustAndBoundsItsLog() {
        final Fault all = Fault.mdGap(10 * S, 10 * S, 1.0);
        final Fault eth = Fault.mdGap(5 * S, 20 * S, 0.5).withSymbol("ETHUSDT");
        final FaultInjector a = new FaultInjector(FaultPlan.of(all, eth), 1, "sim:X");
        assertThat(a.active(FaultType.MD_GAP, 12 * S).fault()).isEqualTo(eth);
        assertThat(a.active(FaultType.MD_GAP, 12 * S, "BTCUSDT").fault()).isEqualTo(all);
        assertThat(a.active(FaultType.MD_GAP, 7 * S, "BTCUSDT")).isNull();

        final String before = digest(a);
        final InjectedFault certain = a.active(FaultType.MD_GAP, 12 * S, "BTCUSDT");
        for (int i = 0; i < 10; i++) {
            assertThat(a.roll(certain)).isTrue();
        }
        assertThat(digest(a)).as("probability 1 draws nothing").isEqualTo(before);

        final FaultInjector b = new FaultInjector(FaultPlan.of(all, eth), 1, "sim:X");
        final InjectedFault half = a.active(FaultType.MD_GAP, 12 * S);
        final InjectedFault halfB = b.active(FaultType.MD_GAP, 12 * S);
        for (int i = 0; i < 200; i++) {
            assertThat(b.roll(halfB)).isEqualTo(a.roll(half));
        }
        for (int i = 0; i < FaultInjector.MAX_HITS_LOGGED + 10; i++) {
            a.hit(certain, 12 * S, "hit " + i);
        }
        a.count(certain);
        assertThat(certain.hits()).isEqualTo(FaultInjector.MAX_HITS_LOGGED + 11);
        assertThat(a.log()).hasSize((int) FaultInjector.MAX_HITS_LOGGED);
    }

    private static String digest(final FaultInjector f) {
        final StateDigest d = new StateDigest();
        f.digest(d);
        return d.hex();
    }
}
