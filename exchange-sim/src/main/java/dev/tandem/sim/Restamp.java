package dev.tandem.sim;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.FundingRate;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueExpired;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.model.ClientOrderId;

/** Copies of inbound events with another {@code tsInitNanos}: when they reach the kernel after latency. */
final class Restamp {
    private Restamp() {}

    /** The report, arriving at {@code tsInit}. */
    static ExecutionReport report(final ExecutionReport r, final long tsInit) {
        if (r.tsInitNanos() == tsInit) {
            return r;
        }
        if (r instanceof VenueAccepted x) {
            return new VenueAccepted(x.venue(), x.clientOrderId(), x.venueOrderId(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueRejected x) {
            return new VenueRejected(x.venue(), x.clientOrderId(), x.reason(), x.message(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueFill x) {
            return new VenueFill(x.venue(), x.clientOrderId(), x.venueOrderId(), x.instrumentId(), x.tradeId(), x.side(),
                    x.price(), x.qty(), x.feeMoney(), x.liquidity(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueCanceled x) {
            return new VenueCanceled(x.venue(), x.clientOrderId(), x.reason(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueCancelRejected x) {
            return new VenueCancelRejected(x.venue(), x.clientOrderId(), x.reason(), x.message(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueAmended x) {
            return new VenueAmended(x.venue(), x.clientOrderId(), x.newPrice(), x.newQty(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueAmendRejected x) {
            return new VenueAmendRejected(x.venue(), x.clientOrderId(), x.reason(), x.message(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueExpired x) {
            return new VenueExpired(x.venue(), x.clientOrderId(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueRequestFailed x) {
            return new VenueRequestFailed(x.venue(), x.request(), x.clientOrderId(), x.commandId(), x.failure(),
                    x.retryAfterNanos(), x.detail(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueOrderStatusReport x) {
            return new VenueOrderStatusReport(x.venue(), x.clientOrderId(), x.order(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueOpenOrders x) {
            return new VenueOpenOrders(x.venue(), x.orders(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenuePositions x) {
            return new VenuePositions(x.venue(), x.positions(), x.tsEventNanos(), tsInit);
        } else if (r instanceof VenueBalances x) {
            return new VenueBalances(x.venue(), x.balances(), x.tsEventNanos(), tsInit);
        } else if (r instanceof FundingSettled x) {
            return new FundingSettled(x.venue(), x.instrumentId(), x.fundingRate(), x.markPrice(), x.tsEventNanos(), tsInit);
        }
        throw new IllegalArgumentException("unknown report type " + r.getClass().getName());
    }

    /** The client order id a report is about, or null (account-level reports, fills of orders placed elsewhere). */
    static ClientOrderId clientOrderIdOf(final ExecutionReport r) {
        if (r instanceof VenueAccepted x) {
            return x.clientOrderId();
        } else if (r instanceof VenueRejected x) {
            return x.clientOrderId();
        } else if (r instanceof VenueFill x) {
            return x.clientOrderId();
        } else if (r instanceof VenueCanceled x) {
            return x.clientOrderId();
        } else if (r instanceof VenueCancelRejected x) {
            return x.clientOrderId();
        } else if (r instanceof VenueAmended x) {
            return x.clientOrderId();
        } else if (r instanceof VenueAmendRejected x) {
            return x.clientOrderId();
        } else if (r instanceof VenueExpired x) {
            return x.clientOrderId();
        } else if (r instanceof VenueRequestFailed x) {
            return x.clientOrderId();
        } else if (r instanceof VenueOrderStatusReport x) {
            return x.clientOrderId();
        }
        return null;
    }

    /** The market data, arriving at {@code tsInit}, claiming to describe the market at {@code tsEvent}. */
    static MarketData data(final MarketData md, final long tsEvent, final long tsInit) {
        if (md.tsInitNanos() == tsInit && md.tsEventNanos() == tsEvent) {
            return md;
        }
        if (md instanceof Bar x) {
            return new Bar(x.instrumentId(), x.openTimeNanos(), x.intervalNanos(), x.open(), x.high(), x.low(), x.close(),
                    x.volume(), tsEvent, tsInit);
        } else if (md instanceof TradeTick x) {
            return new TradeTick(x.instrumentId(), x.price(), x.qty(), x.aggressor(), x.tradeId(), tsEvent, tsInit);
        } else if (md instanceof QuoteTick x) {
            return new QuoteTick(x.instrumentId(), x.bidPrice(), x.bidQty(), x.askPrice(), x.askQty(), tsEvent, tsInit);
        } else if (md instanceof BookSnapshot x) {
            return new BookSnapshot(x.instrumentId(), x.bids(), x.asks(), tsEvent, tsInit);
        } else if (md instanceof MarkPrice x) {
            return new MarkPrice(x.instrumentId(), x.markPrice(), x.indexPrice(), tsEvent, tsInit);
        } else if (md instanceof FundingRate x) {
            return new FundingRate(x.instrumentId(), x.fundingRate(), x.nextFundingTimeNanos(), tsEvent, tsInit);
        }
        throw new IllegalArgumentException("unknown market data type " + md.getClass().getName());
    }
}
