package dev.tandem.kernel.event;

import dev.tandem.kernel.model.AuditMetadata;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.TradingState;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Audit: the account-wide trading state changed. */
public record TradingStateChanged(TradingState from, TradingState to, RiskTrigger trigger, String reason, SortedMap<String, String> metadata, long tsEventNanos, long tsInitNanos) implements KernelEvent {
    public TradingStateChanged {
        // an AuditMetadata is immutable already (the risk engine's, on the hot path); anything else is copied
        metadata = metadata instanceof AuditMetadata ? metadata : Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }
}
