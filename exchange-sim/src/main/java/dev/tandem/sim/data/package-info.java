/**
 * Market data for the simulator: replay readers over recorded files, seeded synthetic price generators, fill models
 * for bar data and a queue-position model for trade replay. Everything here is deterministic and single-threaded,
 * reads no clock, draws randomness only from {@link dev.tandem.kernel.random.RandomSource} and does no file I/O
 * (readers take a {@link java.io.Reader}; the caller opens the file and names it).
 *
 * <h2>Sources</h2>
 * A {@link dev.tandem.sim.data.MarketDataSource} is a lazy, single-pass {@link java.util.Iterator} of kernel
 * {@link dev.tandem.kernel.data.MarketData} records in time order, closable, with the problems it skipped.
 * {@link dev.tandem.sim.data.MarketDataSources#merge} merges several by {@code tsInitNanos} (ties: source order).
 *
 * <h2>Replay readers</h2>
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>reader</th><th>format</th><th>record</th></tr>
 *   <tr><td>{@link dev.tandem.sim.data.BarCsvReader}</td><td>{@code time,open,high,low,close,volume}, time = bar
 *       open, whole epoch seconds UTC; the period is a parameter</td><td>{@code Bar}, stamped at the bar's close
 *       ({@code open + interval})</td></tr>
 *   <tr><td>{@link dev.tandem.sim.data.BitstampTradeCsvReader}</td><td>{@code timestamp,price,amount}, whole epoch
 *       seconds</td><td>{@code TradeTick}; id = line number; side by the {@link dev.tandem.sim.data.TickRule}</td></tr>
 *   <tr><td>{@link dev.tandem.sim.data.BybitTradeCsvReader}</td><td>Bybit's public trade archive
 *       {@code timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional[,RPI]},
 *       fractional epoch seconds</td><td>{@code TradeTick}; id = trdMatchID; side = the recorded taker side</td></tr>
 *   <tr><td>{@link dev.tandem.sim.data.BybitOrderBookReader}</td><td>JSON lines of Bybit v5 {@code orderbook.N.SYMBOL}
 *       snapshot/delta messages</td><td>{@code BookSnapshot} of the top N levels per message</td></tr>
 * </table>
 *
 * <p>Conventions common to the readers:
 * <ul>
 *   <li><b>Time.</b> {@code tsEventNanos} is when the record happened at its source, exactly converted to
 *       nanoseconds since the epoch (no floating point); {@code tsInitNanos = tsEventNanos + initDelay}
 *       ({@link dev.tandem.sim.data.ReplayOptions}, default 0). Records sharing a timestamp keep file order. A row
 *       earlier than the previous accepted row is a problem (readers never sort).</li>
 *   <li><b>Numbers.</b> Plain decimals only (no exponent), parsed exactly onto the instrument's scales; trailing
 *       zeros do not count ({@code 0.100000000000} fits one decimal). Prices must be positive and on the tick grid;
 *       quantities non-negative (no lot check: recorded sizes are facts). More decimals than the scale or an
 *       off-tick price is a problem under {@link dev.tandem.sim.data.DecimalPolicy#EXACT} (default), rounded
 *       half-even under {@code ROUND_HALF_EVEN}.</li>
 *   <li><b>Bad rows.</b> {@link dev.tandem.sim.data.DataErrorPolicy#FAIL} (default) throws
 *       {@link dev.tandem.sim.data.MarketDataFormatException} with {@code <source> line <n>: <what>}, e.g.
 *       {@code bitstamp.csv line 17: price 'abc' is not a number}; {@code SKIP} skips the row atomically and
 *       records a {@link dev.tandem.sim.data.DataProblem}. A wrong CSV header is always fatal. Lines are physical
 *       lines numbered from 1 (the header is line 1); LF, CRLF and CR endings, a byte-order mark and blank lines
 *       are accepted.</li>
 * </ul>
 *
 * <h2>Generators</h2>
 * {@link dev.tandem.sim.data.PriceGenerator} samples a {@link dev.tandem.sim.data.PriceProcess} on a fixed grid and
 * emits trades, bars or quotes on the tick grid (never &lt;= 0). Processes:
 * {@link dev.tandem.sim.data.GeometricBrownianMotion} (exact log-Euler step),
 * {@link dev.tandem.sim.data.MertonJumpDiffusion} (exact step, compensated Poisson jumps with normal log sizes),
 * {@link dev.tandem.sim.data.RegimeCrash} and {@link dev.tandem.sim.data.PumpAndDump} (a base process plus a
 * deterministic piecewise-linear log-price overlay). Random streams are
 * {@code RandomSource.forComponent(seed, "price-generator/<name>/{path,qty,side}")}: same seed and name, same stream.
 *
 * <h2>Fill models</h2>
 * {@link dev.tandem.sim.data.BarFillModel} ({@code BAR_CLOSE}, {@code NEXT_OPEN}, {@code INTRA_BAR_PESSIMISTIC})
 * decides fills on bar data; a resting limit fills only when the price trades strictly through it.
 * {@link dev.tandem.sim.data.QueuePositionModel} decides fills of a resting limit during trade replay from the
 * volume traded at its price after the visible queue ahead of it.
 */
package dev.tandem.sim.data;
