package dev.tandem.reports;

/**
 * The metrics of a run, in report order, each with its unit and a one-line definition. The full definitions, with
 * formulas and the annualisation rules, are in {@code reports/README.md}.
 */
public enum Metric {
    START_EQUITY("Start equity", Unit.MONEY, Better.NEITHER, "E₀, the first equity sample"),
    END_EQUITY("End equity", Unit.MONEY, Better.HIGHER, "Eₙ, the last equity sample"),
    NET_PNL("Net profit", Unit.MONEY, Better.HIGHER, "Eₙ − E₀"),
    TOTAL_RETURN("Total return", Unit.PERCENT, Better.HIGHER, "Eₙ / E₀ − 1"),
    CAGR("CAGR", Unit.PERCENT, Better.HIGHER, "(Eₙ / E₀)^(1 / years) − 1, years = span / 365.25 days"),
    ANNUAL_VOLATILITY("Annualised volatility", Unit.PERCENT, Better.LOWER, "sample std of period returns × √(periods per year)"),
    SHARPE("Sharpe ratio", Unit.RATIO, Better.HIGHER, "mean(r − r_f) / std(r) × √P, r_f = 0"),
    SORTINO("Sortino ratio", Unit.RATIO, Better.HIGHER, "mean(r − r_f) / √(Σ min(0, r − r_f)² / n) × √P"),
    CALMAR("Calmar ratio", Unit.RATIO, Better.HIGHER, "CAGR / max drawdown"),
    MAX_DRAWDOWN("Max drawdown", Unit.PERCENT, Better.LOWER, "max over t of 1 − Eₜ / max(E₀..Eₜ)"),
    MAX_DRAWDOWN_DURATION("Max drawdown duration", Unit.DURATION, Better.LOWER,
            "from the peak before the deepest drawdown to its recovery (or the end)"),
    LONGEST_DRAWDOWN("Longest drawdown", Unit.DURATION, Better.LOWER, "longest time from a peak to its recovery (or the end)"),
    TRADES("Trades", Unit.COUNT, Better.NEITHER, "closed round trips (flat → position → flat)"),
    WIN_RATE("Win rate", Unit.PERCENT, Better.HIGHER, "trades with net PnL > 0 / trades"),
    PROFIT_FACTOR("Profit factor", Unit.RATIO, Better.HIGHER, "Σ net PnL of winners / |Σ net PnL of losers|"),
    EXPECTANCY("Expectancy", Unit.MONEY, Better.HIGHER, "mean net PnL per trade"),
    AVG_WIN("Average win", Unit.MONEY, Better.HIGHER, "mean net PnL of winners"),
    AVG_LOSS("Average loss", Unit.MONEY, Better.HIGHER, "mean net PnL of losers (negative)"),
    EXPOSURE("Exposure (time in market)", Unit.PERCENT, Better.NEITHER, "time with an open position / span"),
    TURNOVER("Turnover", Unit.MULTIPLE, Better.NEITHER, "Σ |price × qty| of fills / mean equity"),
    FEES("Fees paid", Unit.MONEY, Better.LOWER, "Σ fees of all fills (rebates negative)"),
    FUNDING_PAID("Funding paid", Unit.MONEY, Better.LOWER, "−Σ funding payments (positive: paid)"),
    LIQUIDATIONS("Liquidations", Unit.COUNT, Better.LOWER, "liquidations of this account seen by the kernel");

    /** How a metric's value is expressed. */
    public enum Unit {
        /** A fraction shown as a percentage (0.05 = 5.00 %); differences shown in percentage points. */
        PERCENT,
        /** A plain number (Sharpe, profit factor). */
        RATIO,
        /** Money in the account currency. */
        MONEY,
        /** A count. */
        COUNT,
        /** A duration in nanoseconds, shown as days/hours/minutes. */
        DURATION,
        /** A multiple (turnover: 3.2×). */
        MULTIPLE
    }

    /** Which direction of change is an improvement (colours comparison deltas). */
    public enum Better {
        HIGHER,
        LOWER,
        NEITHER
    }

    private final String label;
    private final Unit unit;
    private final Better better;
    private final String definition;

    Metric(final String label, final Unit unit, final Better better, final String definition) {
        this.label = label;
        this.unit = unit;
        this.better = better;
        this.definition = definition;
    }

    /** Human-readable name. */
    public String label() {
        return label;
    }

    /** Unit of the value. */
    public Unit unit() {
        return unit;
    }

    /** Which direction is better. */
    public Better better() {
        return better;
    }

    /** One-line definition (formula). */
    public String definition() {
        return definition;
    }
}
