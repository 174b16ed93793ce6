package dev.tandem.scenarios.model;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named instruments for scenario files ({@code instruments: [{preset: bybit-btcusdt-linear}]}). The filters and fees
 * are shaped like the venues' published instrument information; they are illustrative, not a copy of today's live
 * values (venues change them). Any field can be overridden in the file.
 */
public final class InstrumentPresets {
    private InstrumentPresets() {}

    private static final SortedMap<String, Instrument> PRESETS = new TreeMap<>();

    static {
        // Bybit v5 linear BTCUSDT: tick 0.10, qty step 0.001, max market order 100 BTC, min notional 5 USDT,
        // maker 0.02 %, taker 0.055 %, max leverage 100, first-tier maintenance margin 0.5 %
        PRESETS.put("bybit-btcusdt-linear", new Instrument(new InstrumentId("BTCUSDT", "BYBIT"),
                InstrumentKind.LINEAR_PERPETUAL, "BTC", "USDT", 2, 3, 10, 1, 1, 100_000, Fixed.money("5"),
                Fixed.rate("0.0002"), Fixed.rate("0.00055"), 100, Fixed.rate("0.005")));
        // Bybit v5 linear ETHUSDT: tick 0.01, qty step 0.01, max leverage 50
        PRESETS.put("bybit-ethusdt-linear", new Instrument(new InstrumentId("ETHUSDT", "BYBIT"),
                InstrumentKind.LINEAR_PERPETUAL, "ETH", "USDT", 2, 2, 1, 1, 1, 1_000_000, Fixed.money("5"),
                Fixed.rate("0.0002"), Fixed.rate("0.00055"), 50, Fixed.rate("0.01")));
        // Bitstamp BTC/USD spot (the venue of shared/data's trades and bars): prices in cents, 8-decimal amounts,
        // 10 USD minimum order; fees 0 so that backtests compare with other tools (set maker-fee/taker-fee to model them)
        PRESETS.put("bitstamp-btcusd-spot", new Instrument(new InstrumentId("BTCUSD", "BITSTAMP"), InstrumentKind.SPOT,
                "BTC", "USD", 2, 8, 1, 1, 1, 100_000_000_000L, Fixed.money("10"), 0, 0, 1, 0));
        // ETH/USDT spot on a generic venue (the 5-minute ETH bars in shared/data are Binance.US ETH/USD)
        PRESETS.put("ethusdt-spot", new Instrument(new InstrumentId("ETHUSDT", "SIM"), InstrumentKind.SPOT, "ETH", "USDT",
                2, 4, 1, 1, 1, 100_000_000L, Fixed.money("5"), Fixed.rate("0.001"), Fixed.rate("0.001"), 1, 0));
    }

    /** The preset with this name, or null. */
    public static Instrument named(final String name) {
        return PRESETS.get(name);
    }

    /** Every preset name, sorted. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }
}
