/**
 * Market data as the kernel sees it: immutable records under the sealed {@link dev.tandem.kernel.data.MarketData}
 * (bars, trades, quotes, order-book snapshots, mark prices, funding rates), prices and quantities scaled per
 * instrument. The {@link dev.tandem.kernel.data.DataEngine} keeps the latest of each per instrument and tracks
 * staleness for the risk engine.
 */
package dev.tandem.kernel.data;
