package dev.tandem.kernel.data;

/** One price level of an order book: price and total quantity (scaled). */
public record BookLevel(long price, long qty) {}
