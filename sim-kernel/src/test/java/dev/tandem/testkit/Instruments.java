package dev.tandem.testkit;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;

/** Instrument fixtures shaped like the real venues' (filters from the Bybit/MEXC instrument-info samples). */
public final class Instruments {
    private Instruments() {}

    /** Venue name used by fixtures. */
    public static final String VENUE = "SIM";

    /**
     * BTCUSDT linear perpetual: tick 0.10, lot 0.001, min 0.001, max 100, min notional 5 USDT, maker 0.02 %,
     * taker 0.055 %, max leverage 100, maintenance margin 0.5 %. Price scale 2, qty scale 3.
     */
    public static Instrument btcUsdtPerp() {
        return btcUsdtPerp(VENUE);
    }

    /** {@link #btcUsdtPerp()} on another venue. */
    public static Instrument btcUsdtPerp(final String venue) {
        return new Instrument(
                new InstrumentId("BTCUSDT", venue),
                InstrumentKind.LINEAR_PERPETUAL,
                "BTC",
                "USDT",
                2,
                3,
                10,
                1,
                1,
                100_000,
                Fixed.money("5"),
                Fixed.rate("0.0002"),
                Fixed.rate("0.00055"),
                100,
                Fixed.rate("0.005"));
    }

    /** ETHUSDT linear perpetual: tick 0.01, lot 0.01, max leverage 50. Price scale 2, qty scale 2. */
    public static Instrument ethUsdtPerp() {
        return new Instrument(
                new InstrumentId("ETHUSDT", VENUE),
                InstrumentKind.LINEAR_PERPETUAL,
                "ETH",
                "USDT",
                2,
                2,
                1,
                1,
                1,
                1_000_000,
                Fixed.money("5"),
                Fixed.rate("0.0002"),
                Fixed.rate("0.00055"),
                50,
                Fixed.rate("0.005"));
    }

    /** BTCUSDT spot: tick 0.01, lot 0.000001, min notional 1 USDT, fees 0.1 %/0.1 %. Price scale 2, qty scale 6. */
    public static Instrument btcUsdtSpot() {
        return new Instrument(
                new InstrumentId("BTCUSDT-SPOT", VENUE),
                InstrumentKind.SPOT,
                "BTC",
                "USDT",
                2,
                6,
                1,
                1,
                1,
                100_000_000,
                Fixed.money("1"),
                Fixed.rate("0.001"),
                Fixed.rate("0.001"),
                1,
                0);
    }
}
