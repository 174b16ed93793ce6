package dev.tandem.kernel.strategy.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.Property;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** The exact arithmetic behind the signals and the all-in sizing. */
class LibMathTest {
    private static final Instrument BTC = Instruments.btcUsdtPerp();
    private static final Instrument SPOT = Instruments.btcUsdtSpot();

    @Test
    void compareProductsIsExactEvenWhereLongProductsOverflow() {
        final Gen<Long> any = Gen.frequency(Gen.weighted(3, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE)),
                Gen.weighted(1, Gen.longs(-1_000, 1_000)), Gen.weighted(1, Gen.oneOf(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L)));
        Property.forAll(Gen.listOf(any, 4, 4)).tries(2_000).check(v -> {
            final BigInteger left = BigInteger.valueOf(v.get(0)).multiply(BigInteger.valueOf(v.get(1)));
            final BigInteger right = BigInteger.valueOf(v.get(2)).multiply(BigInteger.valueOf(v.get(3)));
            assertThat(LibMath.compareProducts(v.get(0), v.get(1), v.get(2), v.get(3))).isEqualTo(left.compareTo(right));
        });
    }

    @Test
    void allInIsFloorOfEquityOverPriceRoundedDownToTheLot() {
        // 10 000 USDT at 61 000.00: 0.16393... BTC → 0.163 (lot 0.001) on the perpetual, 0.163934 (lot 0.000001) on spot
        assertThat(LibMath.allInQty(BTC, Fixed.money("10000"), BTC.price("61000"), LibMath.FACTOR_ONE)).isEqualTo(BTC.qty("0.163"));
        assertThat(LibMath.allInQty(SPOT, Fixed.money("10000"), SPOT.price("61000"), LibMath.FACTOR_ONE)).isEqualTo(SPOT.qty("0.163934"));
        // exactly affordable: 6 100 USDT buys exactly 0.1 BTC
        assertThat(LibMath.allInQty(BTC, Fixed.money("6100"), BTC.price("61000"), LibMath.FACTOR_ONE)).isEqualTo(BTC.qty("0.1"));
        // one millionth of a USDT less: one lot less
        assertThat(LibMath.allInQty(BTC, Fixed.money("6099.999999"), BTC.price("61000"), LibMath.FACTOR_ONE)).isEqualTo(BTC.qty("0.099"));
        // half the equity
        assertThat(LibMath.allInQty(BTC, Fixed.money("10000"), BTC.price("61000"), LibMath.FACTOR_ONE / 2)).isEqualTo(BTC.qty("0.081"));
    }

    @Test
    void allInIsZeroBelowTheMinimumAndCappedAtTheMaximumQuantity() {
        assertThat(LibMath.allInQty(BTC, Fixed.money("60"), BTC.price("61000"), LibMath.FACTOR_ONE)).isZero(); // 0.00098 BTC
        assertThat(LibMath.allInQty(BTC, 0, BTC.price("61000"), LibMath.FACTOR_ONE)).isZero();
        assertThat(LibMath.allInQty(BTC, Fixed.money("-5"), BTC.price("61000"), LibMath.FACTOR_ONE)).isZero();
        assertThat(LibMath.allInQty(BTC, Fixed.money("100000000"), BTC.price("61000"), LibMath.FACTOR_ONE)).isEqualTo(BTC.maxQty());
        assertThat(LibMath.allInQty(BTC, Long.MAX_VALUE, 1, LibMath.FACTOR_ONE)).isEqualTo(BTC.maxQty());
    }

    @Test
    void allInIsTheLargestLotMultipleWhoseNotionalFitsTheBudget() {
        Property.forAll(Gen.pairs(Gen.longs(1, Fixed.money("1000000")), Gen.longs(1, BTC.price("200000")))).tries(1_000).check(c -> {
            final long equity = c.first();
            final long price = c.second();
            final long qty = LibMath.allInQty(BTC, equity, price, LibMath.FACTOR_ONE);
            final long exactNotionalLimit = equity; // money units; BTC notional is exact (price scale 2 + qty scale 3 ≤ 8)
            if (qty == 0) {
                assertThat(BTC.notional(price, BTC.minQty())).isGreaterThan(exactNotionalLimit);
            } else if (qty < BTC.maxQty()) {
                assertThat(qty % BTC.lotSize()).isZero();
                assertThat(BTC.notional(price, qty)).isLessThanOrEqualTo(exactNotionalLimit);
                assertThat(BTC.notional(price, qty + BTC.lotSize())).isGreaterThan(exactNotionalLimit);
            }
        });
    }

    @Test
    void ticksAndBasisPoints() {
        assertThat(LibMath.floorToTick(599_975, 10)).isEqualTo(599_970);
        assertThat(LibMath.ceilToTick(599_975, 10)).isEqualTo(599_980);
        assertThat(LibMath.ceilToTick(599_970, 10)).isEqualTo(599_970);
        assertThat(LibMath.floorToTick(-5, 10)).isEqualTo(-10);
        // 10 bps of 60 000.00 is 60.00
        assertThat(LibMath.bps(BTC.price("60000"), 1_000, RoundingMode.HALF_EVEN)).isEqualTo(BTC.price("60"));
        // a 1 bps move of 60 000.00 is 6.00: 5.90 is not enough, 6.00 is
        assertThat(LibMath.movedAtLeast(BTC.price("60000"), BTC.price("60005.90"), 100)).isFalse();
        assertThat(LibMath.movedAtLeast(BTC.price("60000"), BTC.price("60006"), 100)).isTrue();
        assertThat(LibMath.movedAtLeast(BTC.price("60000"), BTC.price("59994"), 100)).isTrue();
        assertThat(LibMath.movedAtLeast(BTC.price("60000"), BTC.price("60000"), 0)).isTrue();
    }
}
