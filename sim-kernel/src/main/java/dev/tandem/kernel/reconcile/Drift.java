package dev.tandem.kernel.reconcile;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.InstrumentId;
import java.util.Comparator;

/**
 * One difference between our books and the venue's. Fields a kind does not use are null / 0. The kernel turns it
 * into a {@link dev.tandem.kernel.event.DriftDetected} (adding venue and timestamps).
 *
 * <table>
 *   <caption>values per kind</caption>
 *   <tr><th>kind</th><th>localValue / venueValue</th></tr>
 *   <tr><td>EXTERNAL_FILL</td><td>filled quantity (scaled)</td></tr>
 *   <tr><td>MISSING_ORDER</td><td>our leaves quantity / 0</td></tr>
 *   <tr><td>UNKNOWN_ORDER</td><td>0 / the venue's leaves quantity</td></tr>
 *   <tr><td>ORDER_STATUS</td><td>filled quantities; the statuses are in {@code detail}</td></tr>
 *   <tr><td>EXTERNAL_CLOSE, EXTERNAL_OPEN, LIQUIDATION</td><td>signed position quantity (scaled)</td></tr>
 *   <tr><td>BALANCE</td><td>total balance (money units of {@code asset})</td></tr>
 * </table>
 *
 * @param kind          what differs
 * @param instrumentId  instrument, or null (BALANCE)
 * @param clientOrderId our order id, or null (positions, balances, venue orders without one of our ids)
 * @param asset         asset (BALANCE), or null
 * @param localValue    our value
 * @param venueValue    the venue's value (adopted)
 * @param detail        human-readable context (statuses, venue order id, prices)
 */
public record Drift(
        DriftKind kind,
        InstrumentId instrumentId,
        ClientOrderId clientOrderId,
        String asset,
        long localValue,
        long venueValue,
        String detail) {

    /**
     * The canonical order of drifts: kind (declaration order of {@link DriftKind}), then instrument id, client order
     * id, asset (nulls first), then detail.
     */
    public static final Comparator<Drift> ORDER = Comparator.comparing(Drift::kind)
            .thenComparing(Drift::instrumentId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Drift::clientOrderId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Drift::asset, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Drift::detail, Comparator.nullsFirst(Comparator.naturalOrder()));

    public Drift {
        if (kind == null) {
            throw new IllegalArgumentException("drift kind is required");
        }
    }
}
