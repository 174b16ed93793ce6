package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.Fixed;

/**
 * Every limit the {@link RiskEngine} enforces. {@link #defaults()} is the table in DESIGN §2.5.
 *
 * <p><b>Units.</b> Money is a {@code long} at {@link Fixed#MONEY_SCALE} (1 USDT = {@link Fixed#MONEY_ONE}).
 * Every percentage or ratio is a {@code long} rate at {@link Fixed#RATE_SCALE} ({@link Fixed#RATE_ONE} = 100 %),
 * so 5 % is {@code 5_000_000}, 200 bps is {@code 2_000_000} and a leverage of 10× is {@code 10 * RATE_ONE}.
 * Durations are kernel nanoseconds. Counts are {@code int}s. No doubles anywhere.
 *
 * <p><b>Disabling.</b> A value of {@code 0} switches its check off (a count, money amount, rate or duration of
 * zero never means "allow nothing"); the two booleans switch their checks off when {@code false}. A positive
 * rate-limit or rate-abuse count needs a positive window.
 *
 * <p><b>Boundaries.</b> Pre-trade limits are inclusive maxima: a value exactly at the limit passes and the next
 * tick or lot above it is denied. Account-level triggers (daily loss, drawdown, margin ratio, edge collapse,
 * staleness) fire when the measured value reaches the threshold ({@code >=}).
 *
 * @param orderNotionalMoneyMax       largest notional of one order (default 1 000 USDT)
 * @param positionNotionalMoneyMax    largest projected position notional on one instrument, counting resting
 *                                    same-side orders (default 10 000 USDT)
 * @param totalNotionalMoneyMax       largest sum of position notionals over all instruments (default 50 000 USDT)
 * @param openPositionsMax            most instruments with a position at once (default 3)
 * @param concentrationRateMax        largest projected position notional / equity (default 40 %)
 * @param leverageRateMax             largest projected total notional / equity, as a rate (default 10×)
 * @param priceBandRate               how far a limit price may be from the mark, either side (default 5 %)
 * @param slippageRateMax             largest expected market-order slippage from the touch (default 0.5 %)
 * @param strategyOrdersPerWindowMax  intents one strategy may get past the rate check per window (default 10)
 * @param strategyRateWindowNanos     the per-strategy sliding window (default 1 s)
 * @param globalOrdersPerWindowMax    intents all strategies together may get past the rate check per window
 *                                    (default 100)
 * @param globalRateWindowNanos       the global sliding window (default 60 s)
 * @param rateAbuseDenialsMax         per-strategy rate denials within {@code rateAbuseWindowNanos} that disable
 *                                    the strategy (default 20)
 * @param rateAbuseWindowNanos        the rate-abuse sliding window (default 10 s)
 * @param venueFailuresMax            consecutive venue failures that disable a strategy (default 10)
 * @param dailyLossRateMax            loss from start-of-UTC-day equity that halts trading (default 5 %)
 * @param drawdownRateMax             drop from the equity peak that halts trading (default 15 %)
 * @param marginRatioReducingRate     maintenance margin / margin balance that switches to REDUCING (default 70 %)
 * @param marginRatioFlattenRate      margin ratio that flattens every position (default 85 %)
 * @param dataStaleNanos              silence after which an instrument's data is stale (default 10 s)
 * @param pauseOnBreakerOpen          pause strategies on a venue whose breaker is not CLOSED (default true)
 * @param edgeCollapseRate            market-maker inventory loss / inventory notional that halts trading
 *                                    (default 200 bps)
 * @param spotBalanceCheck            check free spot balances before passing a spot order (default true)
 */
public record RiskLimits(
        long orderNotionalMoneyMax,
        long positionNotionalMoneyMax,
        long totalNotionalMoneyMax,
        int openPositionsMax,
        long concentrationRateMax,
        long leverageRateMax,
        long priceBandRate,
        long slippageRateMax,
        int strategyOrdersPerWindowMax,
        long strategyRateWindowNanos,
        int globalOrdersPerWindowMax,
        long globalRateWindowNanos,
        int rateAbuseDenialsMax,
        long rateAbuseWindowNanos,
        int venueFailuresMax,
        long dailyLossRateMax,
        long drawdownRateMax,
        long marginRatioReducingRate,
        long marginRatioFlattenRate,
        long dataStaleNanos,
        boolean pauseOnBreakerOpen,
        long edgeCollapseRate,
        boolean spotBalanceCheck) {

    /** One second in nanoseconds. */
    public static final long SECOND_NANOS = 1_000_000_000L;

    /** Validates: nothing negative, windows paired with their counts, loss rates at most 100 %. */
    public RiskLimits {
        requireNonNegative("orderNotionalMoneyMax", orderNotionalMoneyMax);
        requireNonNegative("positionNotionalMoneyMax", positionNotionalMoneyMax);
        requireNonNegative("totalNotionalMoneyMax", totalNotionalMoneyMax);
        requireNonNegative("openPositionsMax", openPositionsMax);
        requireNonNegative("concentrationRateMax", concentrationRateMax);
        requireNonNegative("leverageRateMax", leverageRateMax);
        requireNonNegative("priceBandRate", priceBandRate);
        requireNonNegative("slippageRateMax", slippageRateMax);
        requireNonNegative("strategyOrdersPerWindowMax", strategyOrdersPerWindowMax);
        requireNonNegative("strategyRateWindowNanos", strategyRateWindowNanos);
        requireNonNegative("globalOrdersPerWindowMax", globalOrdersPerWindowMax);
        requireNonNegative("globalRateWindowNanos", globalRateWindowNanos);
        requireNonNegative("rateAbuseDenialsMax", rateAbuseDenialsMax);
        requireNonNegative("rateAbuseWindowNanos", rateAbuseWindowNanos);
        requireNonNegative("venueFailuresMax", venueFailuresMax);
        requireNonNegative("dailyLossRateMax", dailyLossRateMax);
        requireNonNegative("drawdownRateMax", drawdownRateMax);
        requireNonNegative("marginRatioReducingRate", marginRatioReducingRate);
        requireNonNegative("marginRatioFlattenRate", marginRatioFlattenRate);
        requireNonNegative("dataStaleNanos", dataStaleNanos);
        requireNonNegative("edgeCollapseRate", edgeCollapseRate);
        requireWindow("strategy order rate", strategyOrdersPerWindowMax, strategyRateWindowNanos);
        requireWindow("global order rate", globalOrdersPerWindowMax, globalRateWindowNanos);
        requireWindow("rate abuse", rateAbuseDenialsMax, rateAbuseWindowNanos);
        if (dailyLossRateMax > Fixed.RATE_ONE || drawdownRateMax > Fixed.RATE_ONE) {
            throw new IllegalArgumentException("dailyLossRateMax and drawdownRateMax must be at most 100 % (RATE_ONE)");
        }
        if (marginRatioReducingRate > 0 && marginRatioFlattenRate > 0
                && marginRatioFlattenRate < marginRatioReducingRate) {
            throw new IllegalArgumentException("marginRatioFlattenRate (" + rateText(marginRatioFlattenRate)
                    + ") must not be below marginRatioReducingRate (" + rateText(marginRatioReducingRate) + ")");
        }
    }

    /** The DESIGN §2.5 table. */
    public static RiskLimits defaults() {
        return new RiskLimits(
                Fixed.money("1000"),
                Fixed.money("10000"),
                Fixed.money("50000"),
                3,
                Fixed.rate("0.40"),
                10 * Fixed.RATE_ONE,
                Fixed.rate("0.05"),
                Fixed.rate("0.005"),
                10,
                SECOND_NANOS,
                100,
                60 * SECOND_NANOS,
                20,
                10 * SECOND_NANOS,
                10,
                Fixed.rate("0.05"),
                Fixed.rate("0.15"),
                Fixed.rate("0.70"),
                Fixed.rate("0.85"),
                10 * SECOND_NANOS,
                true,
                Fixed.rate("0.02"),
                true);
    }

    /** Every check switched off; tests and tools switch on just the ones they need with {@link #toBuilder()}. */
    public static RiskLimits unlimited() {
        return new RiskLimits(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, false);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireNonNegative(final String name, final long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 disables the check), got " + value);
        }
    }

    private static void requireWindow(final String name, final int count, final long windowNanos) {
        if (count > 0 && windowNanos <= 0) {
            throw new IllegalArgumentException(name + ": a positive count needs a positive window");
        }
    }

    private static String rateText(final long rate) {
        return Fixed.format(rate, Fixed.RATE_SCALE);
    }

    /** Fluent copy-and-change for {@link RiskLimits}; {@link #build()} validates. */
    public static final class Builder {
        private long orderNotionalMoneyMax;
        private long positionNotionalMoneyMax;
        private long totalNotionalMoneyMax;
        private int openPositionsMax;
        private long concentrationRateMax;
        private long leverageRateMax;
        private long priceBandRate;
        private long slippageRateMax;
        private int strategyOrdersPerWindowMax;
        private long strategyRateWindowNanos;
        private int globalOrdersPerWindowMax;
        private long globalRateWindowNanos;
        private int rateAbuseDenialsMax;
        private long rateAbuseWindowNanos;
        private int venueFailuresMax;
        private long dailyLossRateMax;
        private long drawdownRateMax;
        private long marginRatioReducingRate;
        private long marginRatioFlattenRate;
        private long dataStaleNanos;
        private boolean pauseOnBreakerOpen;
        private long edgeCollapseRate;
        private boolean spotBalanceCheck;

        private Builder(final RiskLimits l) {
            orderNotionalMoneyMax = l.orderNotionalMoneyMax;
            positionNotionalMoneyMax = l.positionNotionalMoneyMax;
            totalNotionalMoneyMax = l.totalNotionalMoneyMax;
            openPositionsMax = l.openPositionsMax;
            concentrationRateMax = l.concentrationRateMax;
            leverageRateMax = l.leverageRateMax;
            priceBandRate = l.priceBandRate;
            slippageRateMax = l.slippageRateMax;
            strategyOrdersPerWindowMax = l.strategyOrdersPerWindowMax;
            strategyRateWindowNanos = l.strategyRateWindowNanos;
            globalOrdersPerWindowMax = l.globalOrdersPerWindowMax;
            globalRateWindowNanos = l.globalRateWindowNanos;
            rateAbuseDenialsMax = l.rateAbuseDenialsMax;
            rateAbuseWindowNanos = l.rateAbuseWindowNanos;
            venueFailuresMax = l.venueFailuresMax;
            dailyLossRateMax = l.dailyLossRateMax;
            drawdownRateMax = l.drawdownRateMax;
            marginRatioReducingRate = l.marginRatioReducingRate;
            marginRatioFlattenRate = l.marginRatioFlattenRate;
            dataStaleNanos = l.dataStaleNanos;
            pauseOnBreakerOpen = l.pauseOnBreakerOpen;
            edgeCollapseRate = l.edgeCollapseRate;
            spotBalanceCheck = l.spotBalanceCheck;
        }

        /** See {@link RiskLimits#orderNotionalMoneyMax()}. */
        public Builder orderNotionalMoneyMax(final long v) {
            orderNotionalMoneyMax = v;
            return this;
        }

        /** See {@link RiskLimits#positionNotionalMoneyMax()}. */
        public Builder positionNotionalMoneyMax(final long v) {
            positionNotionalMoneyMax = v;
            return this;
        }

        /** See {@link RiskLimits#totalNotionalMoneyMax()}. */
        public Builder totalNotionalMoneyMax(final long v) {
            totalNotionalMoneyMax = v;
            return this;
        }

        /** See {@link RiskLimits#openPositionsMax()}. */
        public Builder openPositionsMax(final int v) {
            openPositionsMax = v;
            return this;
        }

        /** See {@link RiskLimits#concentrationRateMax()}. */
        public Builder concentrationRateMax(final long v) {
            concentrationRateMax = v;
            return this;
        }

        /** See {@link RiskLimits#leverageRateMax()}. */
        public Builder leverageRateMax(final long v) {
            leverageRateMax = v;
            return this;
        }

        /** See {@link RiskLimits#priceBandRate()}. */
        public Builder priceBandRate(final long v) {
            priceBandRate = v;
            return this;
        }

        /** See {@link RiskLimits#slippageRateMax()}. */
        public Builder slippageRateMax(final long v) {
            slippageRateMax = v;
            return this;
        }

        /** Per-strategy order rate: at most {@code count} per {@code windowNanos}. */
        public Builder strategyOrderRate(final int count, final long windowNanos) {
            strategyOrdersPerWindowMax = count;
            strategyRateWindowNanos = windowNanos;
            return this;
        }

        /** Global order rate: at most {@code count} per {@code windowNanos}. */
        public Builder globalOrderRate(final int count, final long windowNanos) {
            globalOrdersPerWindowMax = count;
            globalRateWindowNanos = windowNanos;
            return this;
        }

        /** Rate abuse: {@code denials} per-strategy rate denials within {@code windowNanos} disable the strategy. */
        public Builder rateAbuse(final int denials, final long windowNanos) {
            rateAbuseDenialsMax = denials;
            rateAbuseWindowNanos = windowNanos;
            return this;
        }

        /** See {@link RiskLimits#venueFailuresMax()}. */
        public Builder venueFailuresMax(final int v) {
            venueFailuresMax = v;
            return this;
        }

        /** See {@link RiskLimits#dailyLossRateMax()}. */
        public Builder dailyLossRateMax(final long v) {
            dailyLossRateMax = v;
            return this;
        }

        /** See {@link RiskLimits#drawdownRateMax()}. */
        public Builder drawdownRateMax(final long v) {
            drawdownRateMax = v;
            return this;
        }

        /** Margin ratio thresholds for REDUCING and for flattening. */
        public Builder marginRatio(final long reducingRate, final long flattenRate) {
            marginRatioReducingRate = reducingRate;
            marginRatioFlattenRate = flattenRate;
            return this;
        }

        /** See {@link RiskLimits#dataStaleNanos()}. */
        public Builder dataStaleNanos(final long v) {
            dataStaleNanos = v;
            return this;
        }

        /** See {@link RiskLimits#pauseOnBreakerOpen()}. */
        public Builder pauseOnBreakerOpen(final boolean v) {
            pauseOnBreakerOpen = v;
            return this;
        }

        /** See {@link RiskLimits#edgeCollapseRate()}. */
        public Builder edgeCollapseRate(final long v) {
            edgeCollapseRate = v;
            return this;
        }

        /** See {@link RiskLimits#spotBalanceCheck()}. */
        public Builder spotBalanceCheck(final boolean v) {
            spotBalanceCheck = v;
            return this;
        }

        /** The validated limits. */
        public RiskLimits build() {
            return new RiskLimits(
                    orderNotionalMoneyMax,
                    positionNotionalMoneyMax,
                    totalNotionalMoneyMax,
                    openPositionsMax,
                    concentrationRateMax,
                    leverageRateMax,
                    priceBandRate,
                    slippageRateMax,
                    strategyOrdersPerWindowMax,
                    strategyRateWindowNanos,
                    globalOrdersPerWindowMax,
                    globalRateWindowNanos,
                    rateAbuseDenialsMax,
                    rateAbuseWindowNanos,
                    venueFailuresMax,
                    dailyLossRateMax,
                    drawdownRateMax,
                    marginRatioReducingRate,
                    marginRatioFlattenRate,
                    dataStaleNanos,
                    pauseOnBreakerOpen,
                    edgeCollapseRate,
                    spotBalanceCheck);
        }
    }
}
