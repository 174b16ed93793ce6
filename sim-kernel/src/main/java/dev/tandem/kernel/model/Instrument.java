package dev.tandem.kernel.model;

import java.math.RoundingMode;

/**
 * A tradable instrument with its venue filters and fee schedule. All price-like fields are scaled by
 * {@code priceScale}, quantity-like fields by {@code qtyScale}, money by {@link Fixed#MONEY_SCALE} and rates
 * by {@link Fixed#RATE_SCALE}.
 *
 * @param id                    symbol and venue
 * @param kind                  spot or linear perpetual
 * @param baseAsset             the asset bought and sold (BTC)
 * @param quoteAsset            the asset prices are in, and for perpetuals the settlement asset (USDT)
 * @param priceScale            decimals of prices
 * @param qtyScale              decimals of quantities
 * @param tickSize              smallest price step (scaled)
 * @param lotSize               smallest quantity step (scaled)
 * @param minQty                smallest order quantity (scaled)
 * @param maxQty                largest order quantity (scaled)
 * @param minNotionalMoney      smallest order value in money units (0 = none)
 * @param makerFeeRate          maker fee rate; negative is a rebate
 * @param takerFeeRate          taker fee rate
 * @param maxLeverage           largest leverage the venue allows (1 for spot)
 * @param maintenanceMarginRate maintenance margin rate of the first risk tier (perpetuals; 0 for spot)
 */
public record Instrument(
        InstrumentId id,
        InstrumentKind kind,
        String baseAsset,
        String quoteAsset,
        int priceScale,
        int qtyScale,
        long tickSize,
        long lotSize,
        long minQty,
        long maxQty,
        long minNotionalMoney,
        long makerFeeRate,
        long takerFeeRate,
        int maxLeverage,
        long maintenanceMarginRate) {

    public Instrument {
        if (id == null || kind == null || baseAsset == null || quoteAsset == null) {
            throw new IllegalArgumentException("instrument id, kind and assets are required");
        }
        if (priceScale < 0 || priceScale > 12 || qtyScale < 0 || qtyScale > 12) {
            throw new IllegalArgumentException(id + ": scales must be within 0..12");
        }
        if (tickSize <= 0 || lotSize <= 0) {
            throw new IllegalArgumentException(id + ": tick and lot sizes must be positive");
        }
        if (minQty < lotSize || maxQty < minQty || minQty % lotSize != 0) {
            throw new IllegalArgumentException(id + ": need lotSize <= minQty <= maxQty with minQty a multiple of lotSize");
        }
        if (minNotionalMoney < 0 || maxLeverage < 1 || maintenanceMarginRate < 0) {
            throw new IllegalArgumentException(id + ": min notional, leverage and maintenance rate must be non-negative");
        }
        if (kind == InstrumentKind.SPOT && maxLeverage != 1) {
            throw new IllegalArgumentException(id + ": spot instruments have maxLeverage 1");
        }
    }

    /** True for linear perpetuals. */
    public boolean isPerpetual() {
        return kind == InstrumentKind.LINEAR_PERPETUAL;
    }

    /** The asset PnL, fees and margin are settled in. */
    public String settleAsset() {
        return quoteAsset;
    }

    /** A positive multiple of the tick size. */
    public boolean isValidPrice(final long price) {
        return price > 0 && price % tickSize == 0;
    }

    /** A multiple of the lot size within [minQty, maxQty]. */
    public boolean isValidQty(final long qty) {
        return qty >= minQty && qty <= maxQty && qty % lotSize == 0;
    }

    /** Order value in money units, rounded half-even when scales exceed the money scale. */
    public long notional(final long price, final long qty) {
        return Fixed.notional(price, priceScale, qty, qtyScale, RoundingMode.HALF_EVEN);
    }

    /** Fee in money units for a fill of this notional; positive is paid, negative is a rebate received. */
    public long fee(final long notionalMoney, final Liquidity liquidity) {
        final long rate = liquidity == Liquidity.MAKER ? makerFeeRate : takerFeeRate;
        return Fixed.applyRate(notionalMoney, rate, RoundingMode.HALF_EVEN);
    }

    /** Rounds a quantity down to the lot size. */
    public long roundQtyDown(final long qty) {
        return qty - Math.floorMod(qty, lotSize);
    }

    /** Rounds a price to the nearest tick. */
    public long roundPrice(final long price) {
        return Fixed.divide(price, tickSize, RoundingMode.HALF_EVEN) * tickSize;
    }

    /** Parses a decimal price at this instrument's scale. */
    public long price(final String text) {
        return Fixed.parse(text, priceScale);
    }

    /** Parses a decimal quantity at this instrument's scale. */
    public long qty(final String text) {
        return Fixed.parse(text, qtyScale);
    }

    /** Formats a scaled price. */
    public String formatPrice(final long price) {
        return Fixed.format(price, priceScale);
    }

    /** Formats a scaled quantity. */
    public String formatQty(final long qty) {
        return Fixed.format(qty, qtyScale);
    }
}
