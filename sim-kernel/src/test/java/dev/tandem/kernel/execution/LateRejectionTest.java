package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.testkit.Instruments;
import org.junit.jupiter.api.Test;

/**
 * A venue that accepted an order and later reports it rejected (exchange-sim did, for a waiting market order that
 * reduce-only forbade at the bar close) has closed the live order. The kernel used to ignore such a rejection as
 * stale, leaving the order open for ever (found by the chaos properties: "NEW in the kernel but REJECTED at the
 * venue"). It is now closed as canceled with the venue's reason, from the report or from a status query.
 */
class LateRejectionTest {

    @Test
    void aRejectionAfterTheAcceptanceCancelsTheOrderWithTheVenuesReason() {
        final ExecutionRig rig = new ExecutionRig();
        final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
        final ClientOrderId id = o.clientOrderId();
        rig.runUntilQuiet();
        assertThat(o.state()).isEqualTo(OrderState.NEW);

        final long now = rig.clock.nowNanos();
        rig.inject(new VenueRejected(Instruments.VENUE, id, ReasonCode.VENUE_REDUCE_ONLY, "would increase", now, now));
        rig.runUntilQuiet();

        assertThat(o.state()).isEqualTo(OrderState.CANCELED);
        assertThat(o.closeReason()).isEqualTo(ReasonCode.VENUE_REDUCE_ONLY);
        assertThat(rig.events(OrderCanceled.class)).extracting(OrderCanceled::reason).containsExactly(ReasonCode.VENUE_REDUCE_ONLY);
        assertThat(rig.events(OrderRejected.class)).isEmpty();
        assertThat(rig.events(ReportAnomaly.class)).isEmpty();
    }

    @Test
    void aRejectionBeforeAnyAcceptanceIsStillARejection() {
        final ExecutionRig rig = new ExecutionRig();
        rig.port.rejectNext(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
        rig.runUntilQuiet();
        assertThat(o.state()).isEqualTo(OrderState.REJECTED);
        assertThat(rig.events(OrderRejected.class)).extracting(OrderRejected::reason).containsExactly(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        assertThat(rig.events(OrderCanceled.class)).isEmpty();
    }

    @Test
    void aStatusQueryThatCallsAnAcceptedOrderRejectedClosesItAsCanceled() {
        final ExecutionRig rig = new ExecutionRig();
        final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
        final ClientOrderId id = o.clientOrderId();
        rig.runUntilQuiet();
        final long now = rig.clock.nowNanos();
        final VenueOrder rejected = new VenueOrder(id, o.venueOrderId(), o.instrumentId(), o.side(), o.type(), o.price(), o.qty(),
                0, 0, VenueOrderStatus.REJECTED);
        rig.inject(new VenueOrderStatusReport(Instruments.VENUE, id, rejected, now, now));
        rig.runUntilQuiet();

        assertThat(o.state()).isEqualTo(OrderState.CANCELED);
        assertThat(rig.events(OrderRejected.class)).isEmpty();
        assertThat(rig.events(ReportAnomaly.class)).isEmpty();
    }
}
