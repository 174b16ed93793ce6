package dev.tandem.sim.account;

import static dev.tandem.sim.account.SimAccountTest.m;
import static dev.tandem.sim.account.SimAccountTest.px;
import static dev.tandem.sim.account.SimAccountTest.qty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Side;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FundingEngineTest {

    private static long nanos(final String isoUtc) {
        final Instant t = Instant.parse(isoUtc);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static TestVenue twoSided(final String q, final String price) {
        final TestVenue v = new TestVenue().add(TestVenue.perp("BTCUSDT", "0", "0"));
        v.open(1, "USDT", "100000");
        v.open(2, "USDT", "100000");
        v.limit(2, "BTCUSDT", Side.SELL, px(price), qty(q));
        v.limit(1, "BTCUSDT", Side.BUY, px(price), qty(q));
        return v;
    }

    @Test
    void atAPositiveRateLongsPayAndShortsReceive() {
        final TestVenue v = twoSided("2", "50000");
        final FundingEngine f = new FundingEngine(v.ledger, v.marks, FundingRateSource.constant(0), 0);
        final FundingSettlement s = f.settle("BTCUSDT", Fixed.rate("0.0001"), px("50000"), 0);
        // 2 × 50 000 × 0.01 % = 10
        assertThat(s.payments()).containsExactly(new FundingPayment(1, "BTCUSDT", qty("2"), m("-10")),
                new FundingPayment(2, "BTCUSDT", -qty("2"), m("10")));
        assertThat(s.roundingResidue()).isZero();
        assertThat(v.ledger.account(1).walletBalance("USDT")).isEqualTo(m("99990"));
        assertThat(v.ledger.account(2).fundingPnl("BTCUSDT")).isEqualTo(m("10"));
        // a negative rate: shorts pay
        f.settle("BTCUSDT", Fixed.rate("-0.0002"), px("50000"), 0);
        assertThat(v.ledger.account(1).fundingPnl("BTCUSDT")).isEqualTo(m("10"));
        assertThat(v.ledger.account(2).fundingPnl("BTCUSDT")).isEqualTo(m("-10"));
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void roundingTowardMinusInfinityLeavesAResidueInTheRoundingAccount() {
        final TestVenue v = twoSided("0.001", "50000");
        final FundingEngine f = new FundingEngine(v.ledger, v.marks, FundingRateSource.constant(0), 0);
        // 0.001 × 50 000.01 × 0.01 % = 0.005000001 exactly
        final FundingSettlement s = f.settle("BTCUSDT", Fixed.rate("0.0001"), px("50000.01"), 0);
        assertThat(s.payments().get(0).amount()).isEqualTo(m("-0.00500001"));  // the long pays 1e-8 more
        assertThat(s.payments().get(1).amount()).isEqualTo(m("0.005"));        // the short gets the rest, rounded down
        assertThat(s.roundingResidue()).isEqualTo(1);
        assertThat(v.ledger.roundingBalance("USDT")).isEqualTo(1);
        assertThat(v.ledger.fundingRoundingResidue("BTCUSDT")).isEqualTo(1);
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void settlesAt0008And16UtcByKernelTime() {
        final TestVenue v = twoSided("1", "50000");
        v.setMark("BTCUSDT", px("50000"));
        final FundingEngine f = new FundingEngine(v.ledger, v.marks, FundingRateSource.constant(Fixed.rate("0.0001")),
                nanos("2024-03-01T05:00:00Z"));
        assertThat(f.nextFundingNanos()).isEqualTo(nanos("2024-03-01T08:00:00Z"));
        assertThat(f.onTime(nanos("2024-03-01T07:59:59.999999999Z"))).isEmpty();
        final List<FundingSettlement> at8 = f.onTime(nanos("2024-03-01T08:00:00Z"));
        assertThat(at8).hasSize(1);
        assertThat(at8.get(0).fundingTimeNanos()).isEqualTo(nanos("2024-03-01T08:00:00Z"));
        assertThat(f.onTime(nanos("2024-03-01T08:00:00Z"))).isEmpty();
        // a jump over a day and a half settles each funding time in turn
        final List<FundingSettlement> later = f.onTime(nanos("2024-03-02T17:00:00Z"));
        assertThat(later).extracting(FundingSettlement::fundingTimeNanos).containsExactly(
                nanos("2024-03-01T16:00:00Z"), nanos("2024-03-02T00:00:00Z"), nanos("2024-03-02T08:00:00Z"),
                nanos("2024-03-02T16:00:00Z"));
        assertThat(f.nextFundingNanos()).isEqualTo(nanos("2024-03-03T00:00:00Z"));
        assertThat(v.ledger.account(1).fundingPnl("BTCUSDT")).isEqualTo(m("-25"));   // 5 × 5
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void rateSources() {
        final NavigableMap<Long, Long> series = new TreeMap<>();
        series.put(100L, 7L);
        series.put(200L, -3L);
        final FundingRateSource data = FundingRateSource.series(new TreeMap<>(java.util.Collections.singletonMap("X", series)));
        assertThat(data.rate("X", 99)).isZero();
        assertThat(data.rate("X", 150)).isEqualTo(7);
        assertThat(data.rate("X", 200)).isEqualTo(-3);
        assertThat(data.rate("Y", 200)).isZero();

        final MarkPriceModel marks = new MarkPriceModel().configure("X", 1, Fixed.RATE_ONE);
        final FundingRateSource premium = FundingRateSource.premium(marks);
        assertThat(premium.rate("X", 0)).isEqualTo(Fixed.rate("0.0001"));      // no prices yet: the interest
        marks.onIndexPrice("X", 50_000);
        marks.setMark("X", 50_050);                                            // premium 0.1 %
        assertThat(premium.rate("X", 0)).isEqualTo(Fixed.rate("0.0005"));      // 0.1 % + clamp(−0.09 %, ±0.05 %)
        marks.setMark("X", 50_020);                                            // premium 0.04 %
        assertThat(premium.rate("X", 0)).isEqualTo(Fixed.rate("0.0001"));      // 0.04 % + (0.01 % − 0.04 %)
        marks.setMark("X", 60_000);                                            // premium 20 %: capped
        assertThat(premium.rate("X", 0)).isEqualTo(Fixed.rate("0.0075"));
        marks.setMark("X", 40_000);
        assertThat(premium.rate("X", 0)).isEqualTo(Fixed.rate("-0.0075"));
    }
}
