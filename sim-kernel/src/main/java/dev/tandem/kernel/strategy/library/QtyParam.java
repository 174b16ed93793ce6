package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A quantity parameter before it meets an instrument: an amount in base-asset units, or the instrument's minimum
 * order quantity ({@code min}). {@link #resolve} turns it into a scaled quantity and checks it against the
 * instrument's filters, so a bad size fails when the strategy is created, not when its first order is denied.
 *
 * @param param  the parameter name (for error messages)
 * @param amount the amount in base units, or null for the instrument's minimum quantity
 */
public record QtyParam(String param, BigDecimal amount) {
    /** The instrument's minimum order quantity. */
    public static QtyParam min(final String param) {
        return new QtyParam(param, null);
    }

    /** A fixed amount in base units, e.g. {@code "0.010"}. */
    public static QtyParam of(final String param, final String amount) {
        return new QtyParam(param, new BigDecimal(amount));
    }

    /**
     * The scaled quantity on this instrument: a multiple of the lot size within [minQty, maxQty].
     *
     * @throws StrategyParameterException naming the strategy and parameter when it is not
     */
    public long resolve(final String strategy, final Instrument instrument) {
        if (amount == null) {
            return instrument.minQty();
        }
        final long scaled;
        try {
            scaled = amount.setScale(instrument.qtyScale(), RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw problem(strategy, amount.toPlainString() + " has more decimals than " + instrument.id() + " quantities ("
                    + instrument.qtyScale() + ") or is too large");
        }
        if (scaled % instrument.lotSize() != 0) {
            throw problem(strategy, amount.toPlainString() + " is not a multiple of " + instrument.id() + "'s lot size "
                    + instrument.formatQty(instrument.lotSize()));
        }
        if (scaled < instrument.minQty() || scaled > instrument.maxQty()) {
            throw problem(strategy, amount.toPlainString() + " is outside " + instrument.id() + "'s order quantity limits "
                    + instrument.formatQty(instrument.minQty()) + ".." + instrument.formatQty(instrument.maxQty()));
        }
        return scaled;
    }

    private StrategyParameterException problem(final String strategy, final String what) {
        return new StrategyParameterException(strategy, param,
                "strategy '" + strategy + "' parameter '" + param + "': " + what);
    }

    @Override
    public String toString() {
        return amount == null ? "min" : amount.toPlainString();
    }
}
