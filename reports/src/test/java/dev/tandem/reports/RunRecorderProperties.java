package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Side;
import dev.tandem.reports.RunRecord.Trade;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Round-trip trades against the kernel's own accounting ({@code Portfolio}) on generated fill sequences: the trades
 * account for every unit of realized PnL and every fee, follow each other without overlap, and close exactly when the
 * position returns to zero or flips. Tries follow the harness ({@code -Dtandem.tries}, {@code -Dtandem.seed}).
 */
class RunRecorderProperties {
    /** One fill: side, price in ticks of 0.10 around 100, quantity in lots of 0.001, fee in cents. */
    record GenFill(Side side, long priceTicks, long lots, long feeCents) {}

    private static final Gen<GenFill> FILL = Gen.zip(Gen.zip(Gen.enumValues(Side.class), Gen.longs(900, 1_100), (s, p) -> new Object[] {s, p}),
            Gen.longs(1, 3_000), Gen.longs(0, 100), (sp, lots, fee) -> new GenFill((Side) sp[0], (Long) sp[1], lots, fee));

    @Test
    void tradesAccountForEveryUnitOfRealizedPnlAndEveryFee() {
        Property.forAll(Gen.listOf(FILL, 1, 40)).check(fills -> {
            final KernelEventScript s = new KernelEventScript();
            long flat = 0; // how often the position came back to zero or flipped
            long before = 0;
            int k = 0;
            for (final GenFill f : fills) {
                s.order(++k, f.side(), Fixed.format(f.priceTicks() * 10, 2), Fixed.format(f.lots(), 3), Fixed.format(f.feeCents(), 2));
                final long after = s.portfolio.positionQty(s.btc.id());
                if (before != 0 && (after == 0 || Long.signum(after) != Long.signum(before))) {
                    flat++;
                }
                before = after;
            }
            s.sample(k + 1);
            final RunRecord r = s.finish();
            BigDecimal realized = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            for (final Trade t : r.trades()) {
                realized = realized.add(t.realizedPnl());
                fees = fees.add(t.fees());
            }
            assertThat(realized).isEqualByComparingTo(BigDecimal.valueOf(s.portfolio.realizedPnlMoney(s.btc.id()), 8));
            assertThat(fees).isEqualByComparingTo(BigDecimal.valueOf(s.portfolio.feesMoney(s.btc.id()), 8));
            assertThat(r.closedTrades()).hasSize((int) flat);
            assertThat(r.trades().size() - r.closedTrades().size()).isEqualTo(before == 0 ? 0 : 1);
            final List<Trade> trades = r.trades();
            final BigDecimal low = BigDecimal.valueOf(fills.stream().mapToLong(GenFill::priceTicks).min().orElseThrow(), 1);
            final BigDecimal high = BigDecimal.valueOf(fills.stream().mapToLong(GenFill::priceTicks).max().orElseThrow(), 1);
            for (int i = 0; i < trades.size(); i++) {
                final Trade t = trades.get(i);
                assertThat(t.number()).isEqualTo(i + 1);
                assertThat(t.exitNanos()).isGreaterThanOrEqualTo(t.entryNanos());
                assertThat(t.netPnl()).isEqualByComparingTo(t.realizedPnl().add(t.unrealizedPnl()).subtract(t.fees()).add(t.funding()));
                if (i > 0) {
                    assertThat(t.entryNanos()).as("trade %d starts after trade %d ends", i + 1, i).isGreaterThanOrEqualTo(trades.get(i - 1).exitNanos());
                }
                // volume-weighted prices lie within the prices that were traded
                assertThat(t.entryPrice()).isBetween(low, high);
                if (!t.isOpen()) {
                    assertThat(t.exitPrice()).isBetween(low, high);
                }
            }
            if (before != 0) {
                final Trade open = trades.get(trades.size() - 1);
                assertThat(open.qty().compareTo(BigDecimal.valueOf(Math.abs(before), 3))).isGreaterThanOrEqualTo(0);
            }
        });
    }
}
