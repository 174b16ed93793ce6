package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.run.RunObserver;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.sim.SimVenue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defects the chaos properties found, kept as the shrunk scenario files they wrote (scenarios/README.md,
 * "Property-based chaos") and replayed here after the fix: each must now run with no invariant violation.
 */
class ChaosRegressionTest {

    /**
     * An amend storm (108 a second for 19 s) used to push the order manager's token bucket about 1 900 tokens into debt,
     * so a new order 20 s later waited three minutes (liveness). The debt is now bounded by one bucket
     * ({@code TokenBucket.takeDebt}).
     */
    @Test
    void anAmendStormNoLongerStarvesALaterNewOrder() throws Exception {
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(ScenarioLoader.defaults()
                .load(Path.of("src/test/resources/chaos-findings/amend-storm-starves-new-orders.yaml")));
        assertThat(run.record().violations()).isEmpty();
        assertThat(run.result().passed()).isTrue();
    }

    /** Replays a finding; it must pass with no violation and no report anomaly. Returns the kernel's events. */
    private static List<Object> replayCleanly(final String file) throws Exception {
        final List<Object> events = new ArrayList<>();
        final ScenarioRunner.Run run = ScenarioRunner.defaults().observe(new RunObserver() {
            @Override
            public void onStart(final Kernel kernel, final SimVenue venue) {
                kernel.addListener(events::add);
            }
        }).runFull(ScenarioLoader.defaults().load(Path.of("src/test/resources/chaos-findings/" + file)));
        assertThat(run.record().violations()).as(file).isEmpty();
        assertThat(run.result().passed()).as(file).isTrue();
        assertThat(events).as(file).filteredOn(ReportAnomaly.class::isInstance).isEmpty();
        return events;
    }

    /**
     * Reordered reports: a random trader's amend raised an order's quantity from 0.001 to 0.002, the venue filled 0.002,
     * and the fill arrived before the amend's acknowledgement. The kernel refused the fill as an overfill, and the next
     * reconciliation, finding the order gone, booked it canceled with nothing filled (liveness: "filled 0 in the kernel
     * but 2 at the venue"). Now the fill proves the amend ({@code OrderManager.amendProvenByFill}), and a missing order
     * is queried rather than closed ({@code OrderManager.queryMissing}).
     */
    @Test
    void aFillThatOvertakesItsAmendsAcknowledgementIsBooked() throws Exception {
        final List<Object> events = replayCleanly("fill-overtakes-amend-ack.yaml");
        assertThat(events).filteredOn(e -> e instanceof OrderFilled f && f.clientOrderId().value().endsWith("rnd-000044"))
                .singleElement().satisfies(f -> assertThat(((OrderFilled) f).lastQty()).isEqualTo(2));
    }

    /**
     * A reduce-only market order waiting for the bar close was accepted, then refused by the matching engine at the
     * close (the position it would reduce had been closed externally). The simulator reported a rejection after the
     * acceptance, which the kernel ignored as stale: the order stayed NEW for ever, and since reconciliation now asks
     * about missing orders instead of closing them, the position pass waited on it for ever too. The simulator now
     * reports a cancel (as venues do), and the kernel treats a rejection after an acceptance as the venue's cancel.
     */
    @Test
    void anAcceptedOrderTheVenueRefusesLaterIsClosed() throws Exception {
        final List<Object> events = replayCleanly("accepted-order-rejected-later.yaml");
        assertThat(events).filteredOn(e -> e instanceof OrderCanceled c && c.reason() == ReasonCode.VENUE_REDUCE_ONLY).isNotEmpty();
    }

    /**
     * Reordered reports on a spot account: a balance snapshot the venue took before a sell's fill arrived after the
     * fill, and reconciliation adopted it, undoing the fill (position 1.0000 while the fills added up to 0.9982). A
     * snapshot older than the latest booked fill is now left alone and the venue asked again.
     */
    @Test
    void aBalanceSnapshotThatOvertookAFillDoesNotUndoIt() throws Exception {
        final List<Object> events = replayCleanly("stale-balance-snapshot-undoes-fill.yaml");
        assertThat(events).filteredOn(e -> e instanceof dev.tandem.kernel.event.DriftDetected).isEmpty();
    }

    /**
     * Reordered reports on a spot account: a balance snapshot that already held a market sell's fill arrived before the
     * fill's report; reconciliation adopted it and the report then counted the sell again (a holding of -0.0003 ETH).
     * Balance adoption also changed the spot position without a {@code PositionChanged}. A difference is now adopted only
     * when the next snapshot confirms it, and adopting a base-asset balance publishes the spot position.
     */
    @Test
    void aSnapshotHoldingAFillStillInFlightIsNotAdoptedTwice() throws Exception {
        replayCleanly("snapshot-holds-fill-in-flight.yaml");
    }

    /**
     * Lost acks: an amend raised a resting buy from 0.002 to 0.003 at a marketable price, it filled, and every report was
     * lost. Reconciliation found the order missing and queried it; the answer (FILLED, 3 of 3) was refused as an
     * overfill of the old quantity 2 and the order closed as canceled with nothing filled. A status that shows the
     * order at the outstanding amend's price and quantity now proves the amend.
     */
    @Test
    void aLostAmendAndFillAreRecoveredFromTheStatusQuery() throws Exception {
        final List<Object> events = replayCleanly("amend-and-fill-acks-lost.yaml");
        assertThat(events).filteredOn(e -> e instanceof OrderFilled f && f.clientOrderId().value().endsWith("rnd-00000p")).isNotEmpty();
    }

    /**
     * Lost acks (try 99 290 of a 100 000-case campaign): an amend moved a resting buy to a new price and raised it from
     * 0.001 to 0.005; the venue filled 0.001 then 0.004 at the new price before the amend's answer. The first fill
     * closed the order as FILLED at the old quantity and the second was refused as an overfill. A maker fill at the
     * outstanding amend's new price now proves the amend.
     */
    @Test
    void fillsAtAnAmendsNewPriceCountAgainstTheAmendedQuantity() throws Exception {
        replayCleanly("amend-reprice-fills-before-ack.yaml");
    }
}
