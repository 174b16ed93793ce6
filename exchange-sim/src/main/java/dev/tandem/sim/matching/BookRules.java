package dev.tandem.sim.matching;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The venue rules of one order book. All values are in the book's raw units: the engine is scale-agnostic, so
 * prices and quantities are plain {@code long}s (integer ticks and lots, or values scaled by the instrument's
 * decimals).
 *
 * @param tickSize           a limit or trigger price must be a positive multiple of this
 * @param lotSize            a quantity must be a positive multiple of this
 * @param minQty             smallest order quantity
 * @param maxQty             largest order quantity
 * @param minNotional        smallest {@code price × qty} (raw units, no rescaling) of a limit or stop-limit order;
 *                           0 disables the check
 * @param selfTradePrevention what happens when an account's order would trade with its own resting order
 * @param marketProtection   how far market orders may walk the book
 */
public record BookRules(long tickSize, long lotSize, long minQty, long maxQty, long minNotional,
                        SelfTradePrevention selfTradePrevention, MarketProtection marketProtection) {

    public BookRules {
        if (tickSize <= 0 || lotSize <= 0) {
            throw new IllegalArgumentException("tick and lot sizes must be positive: " + tickSize + ", " + lotSize);
        }
        if (minQty <= 0 || maxQty < minQty) {
            throw new IllegalArgumentException("need 0 < minQty <= maxQty: " + minQty + ", " + maxQty);
        }
        if (minNotional < 0) {
            throw new IllegalArgumentException("min notional must be >= 0: " + minNotional);
        }
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        Objects.requireNonNull(marketProtection, "marketProtection");
    }

    /**
     * Tick = lot = min quantity = 1, no max quantity, no min notional, cancel-taker self-trade prevention and no
     * market protection: the rules of the order-book replay tool.
     */
    public static BookRules unit() {
        return new BookRules(1, 1, 1, Long.MAX_VALUE, 0, SelfTradePrevention.CANCEL_TAKER, MarketProtection.none());
    }

    /**
     * The rules of an instrument's venue filters: prices at {@code priceScale}, quantities at {@code qtyScale}, and
     * the instrument's min notional (money) converted to raw {@code price × qty} units, rounded up.
     */
    public static BookRules forInstrument(final Instrument instrument, final SelfTradePrevention selfTradePrevention,
                                          final MarketProtection marketProtection) {
        final int rawScale = instrument.priceScale() + instrument.qtyScale();
        long minNotional;
        try {
            minNotional = Fixed.rescale(instrument.minNotionalMoney(), Fixed.MONEY_SCALE, rawScale, RoundingMode.CEILING);
        } catch (ArithmeticException tooLarge) {
            minNotional = Long.MAX_VALUE;
        }
        return new BookRules(instrument.tickSize(), instrument.lotSize(), instrument.minQty(), instrument.maxQty(),
                minNotional, selfTradePrevention, marketProtection);
    }

    /** A copy with another self-trade prevention mode. */
    public BookRules withSelfTradePrevention(final SelfTradePrevention mode) {
        return new BookRules(tickSize, lotSize, minQty, maxQty, minNotional, mode, marketProtection);
    }

    /** A copy with another market protection bound. */
    public BookRules withMarketProtection(final MarketProtection protection) {
        return new BookRules(tickSize, lotSize, minQty, maxQty, minNotional, selfTradePrevention, protection);
    }

    /** True when {@code price × qty} (both positive) reaches the min notional; an overflowing product always does. */
    public boolean meetsMinNotional(final long price, final long qty) {
        if (minNotional == 0) {
            return true;
        }
        final long hi = Math.multiplyHigh(price, qty);
        final long lo = price * qty;
        return hi != 0 || lo < 0 || lo >= minNotional;
    }
}
