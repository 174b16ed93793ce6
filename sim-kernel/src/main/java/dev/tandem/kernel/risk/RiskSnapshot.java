package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import java.util.List;

/**
 * Everything mutable in a {@link RiskEngine}, as immutable values in a fixed order (strategies, instruments and
 * venues sorted; causes in enum order; window timestamps oldest first). The limits, instruments and views are
 * configuration and not part of it. Pending {@code risk:} timers live in the kernel's timer queue snapshot;
 * {@link DataSnapshot#timerDeadlineNanos()} only records that one is pending.
 *
 * @param tradingState        account-wide trading state
 * @param haltCauses          latched reasons for HALTED, in enum order (empty unless HALTED)
 * @param marginReducing      the last margin ratio was at or above a margin threshold
 * @param marginFlattened     flattenAll has fired for the current excursion above the flatten threshold
 * @param marginRatioRate     last margin ratio seen
 * @param equitySeen          whether any equity reading arrived yet
 * @param utcDay              UTC day index (epoch nanos / one day) of the day-start baseline
 * @param dayStartEquityMoney equity at the start of {@code utcDay} (first reading of the day)
 * @param peakEquityMoney     highest equity seen (since start, or since an operator acknowledged a drawdown)
 * @param lastEquityMoney     last equity reading
 * @param strategies          registered strategies in id order
 * @param globalWindowNanos   admitted-intent timestamps of the global rate window, oldest first
 * @param data                staleness tracking per instrument in id order
 * @param openVenues          venues whose breaker is not CLOSED, sorted
 * @param denials             denial counters with a non-zero count, in enum order
 * @param passedCount         intents passed so far
 */
public record RiskSnapshot(
        TradingState tradingState,
        List<RiskTrigger> haltCauses,
        boolean marginReducing,
        boolean marginFlattened,
        long marginRatioRate,
        boolean equitySeen,
        long utcDay,
        long dayStartEquityMoney,
        long peakEquityMoney,
        long lastEquityMoney,
        List<StrategySnapshot> strategies,
        List<Long> globalWindowNanos,
        List<DataSnapshot> data,
        List<String> openVenues,
        List<DenialCount> denials,
        long passedCount) {

    /** Copies every list. */
    public RiskSnapshot {
        haltCauses = List.copyOf(haltCauses);
        strategies = List.copyOf(strategies);
        globalWindowNanos = List.copyOf(globalWindowNanos);
        data = List.copyOf(data);
        openVenues = List.copyOf(openVenues);
        denials = List.copyOf(denials);
    }

    /**
     * One strategy's risk state.
     *
     * @param id                  strategy id
     * @param instruments         instruments it trades, sorted
     * @param marketMaker         whether the edge-collapse check watches its inventory
     * @param state               current state
     * @param disabled            latched DISABLED (only an operator resume clears it)
     * @param operatorPaused      paused by an operator
     * @param consecutiveFailures venue failures since the last accept or fill
     * @param rateWindowNanos     admitted-intent timestamps of its rate window, oldest first
     * @param abuseWindowNanos    rate-denial timestamps of its abuse window, oldest first
     * @param inventory           its own inventory per instrument (market makers), sorted, non-zero only
     */
    public record StrategySnapshot(
            StrategyId id,
            List<InstrumentId> instruments,
            boolean marketMaker,
            StrategyState state,
            boolean disabled,
            boolean operatorPaused,
            int consecutiveFailures,
            List<Long> rateWindowNanos,
            List<Long> abuseWindowNanos,
            List<InventorySnapshot> inventory) {
        /** Copies every list. */
        public StrategySnapshot {
            instruments = List.copyOf(instruments);
            rateWindowNanos = List.copyOf(rateWindowNanos);
            abuseWindowNanos = List.copyOf(abuseWindowNanos);
            inventory = List.copyOf(inventory);
        }
    }

    /**
     * A market maker's inventory on one instrument.
     *
     * @param instrumentId instrument
     * @param qty          signed quantity (scaled)
     * @param costMoney    signed cost basis, money units
     */
    public record InventorySnapshot(InstrumentId instrumentId, long qty, long costMoney) {}

    /**
     * Market-data freshness of one instrument.
     *
     * @param instrumentId       instrument
     * @param lastDataNanos      kernel time of the last data, -1 if none yet
     * @param stale              currently stale
     * @param timerDeadlineNanos deadline of the pending {@code risk:stale:} timer, -1 if none
     */
    public record DataSnapshot(InstrumentId instrumentId, long lastDataNanos, boolean stale, long timerDeadlineNanos) {}

    /**
     * How many intents were denied for one reason.
     *
     * @param reason the reason
     * @param count  how many
     */
    public record DenialCount(ReasonCode reason, long count) {}
}
