package dev.tandem.kernel.event;

/** A balance as the venue sees it, in money units: total (wallet) and the part locked by open orders or margin. */
public record VenueBalance(String asset, long totalMoney, long lockedMoney) {}
