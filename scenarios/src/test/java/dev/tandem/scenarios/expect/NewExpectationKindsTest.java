package dev.tandem.scenarios.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** avg-entry-price, final-equity, funding-total and count of cancel-rejected, passing and failing on real runs. */
class NewExpectationKindsTest {
    static final Path VWAP = Path.of("library", "partial-fills-vwap.yaml");
    static final Path FUNDING = Path.of("library", "funding-drain.yaml");
    static final Path CANCEL = Path.of("library", "cancel-rejected-late-fill.yaml");

    private static ScenarioRunner.Run run(final Path p) throws Exception {
        return ScenarioRunner.defaults().runFull(ScenarioLoader.defaults().parse(Files.readString(p), p));
    }

    @Test
    void avgEntryPriceIsTheKernelsVwapOfTheFillsThatBuiltThePosition() throws Exception {
        final ScenarioRunner.Run r = run(VWAP);
        final InstrumentId btc = r.record().kernel().config().instruments().get(0).id();
        assertThat(new Expectation.AvgEntryPrice(btc, 6_000_018).evaluate(r.record()).passed()).isTrue();
        final ExpectationOutcome mean = new Expectation.AvgEntryPrice(btc, 6_000_020).evaluate(r.record());
        assertThat(mean.passed()).isFalse();
        assertThat(mean.expected()).isEqualTo("60000.20");
        assertThat(mean.actual()).isEqualTo("60000.18 (position 0.100)");
    }

    @Test
    void fundingTotalAndFinalEquityAreExact() throws Exception {
        final ScenarioRunner.Run r = run(FUNDING);
        assertThat(new Expectation.FundingTotal(-Fixed.money("4.80"), 8L).evaluate(r.record()).passed()).isTrue();
        assertThat(new Expectation.FundingTotal(-Fixed.money("4.80"), null).evaluate(r.record()).passed()).isTrue();
        final ExpectationOutcome nine = new Expectation.FundingTotal(-Fixed.money("4.80"), 9L).evaluate(r.record());
        assertThat(nine.passed()).isFalse();
        assertThat(nine.actual()).isEqualTo("-4.80000000 in 8");
        assertThat(new Expectation.FundingTotal(Fixed.money("4.80"), null).evaluate(r.record()).passed()).isFalse();
        assertThat(new Expectation.FinalEquity(Fixed.money("9995.20")).evaluate(r.record()).passed()).isTrue();
        assertThat(new Expectation.FinalEquity(Fixed.money("9995.19")).evaluate(r.record()).passed()).isFalse();
    }

    @Test
    void cancelRejectedIsCountedWithItsReason() throws Exception {
        final ScenarioRunner.Run r = run(CANCEL);
        final Expectation.Counted c = Expectation.Counted.named("cancel-rejected");
        assertThat(c).isEqualTo(Expectation.Counted.CANCEL_REJECTED);
        assertThat(c.hasReason()).isTrue();
        assertThat(new Expectation.EventCount(c, dev.tandem.kernel.model.ReasonCode.VENUE_ALREADY_FILLED, null, null, null, 5L, 5L)
                .evaluate(r.record()).passed()).isTrue();
        assertThat(new Expectation.EventCount(c, dev.tandem.kernel.model.ReasonCode.VENUE_MAINTENANCE, null, null, null, 1L, null)
                .evaluate(r.record()).passed()).isFalse();
    }
}
