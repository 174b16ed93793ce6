package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.portfolio.PortfolioView;
import java.util.TreeMap;

/** A portfolio whose numbers are whatever the test set: positions with their notionals, free balances, equity. */
final class FixedPortfolio implements PortfolioView {
    private final TreeMap<InstrumentId, Long> qty = new TreeMap<>();
    private final TreeMap<InstrumentId, Long> notional = new TreeMap<>();
    private final TreeMap<String, Long> free = new TreeMap<>();
    private long equity;

    /** Sets a position: signed qty (scaled) and its notional at mark (money). */
    FixedPortfolio position(final InstrumentId id, final long signedQty, final long notionalMoney) {
        qty.put(id, signedQty);
        notional.put(id, notionalMoney);
        return this;
    }

    FixedPortfolio equity(final long money) {
        equity = money;
        return this;
    }

    FixedPortfolio freeBalance(final String asset, final long money) {
        free.put(asset, money);
        return this;
    }

    void clear() {
        qty.clear();
        notional.clear();
        free.clear();
        equity = 0;
    }

    @Override
    public String accountCurrency() {
        return "USDT";
    }

    @Override
    public long positionQty(final InstrumentId id) {
        return qty.getOrDefault(id, 0L);
    }

    @Override
    public long avgEntryPrice(final InstrumentId id) {
        return 0;
    }

    @Override
    public long positionNotionalMoney(final InstrumentId id) {
        return notional.getOrDefault(id, 0L);
    }

    @Override
    public long totalPositionNotionalMoney() {
        long sum = 0;
        for (final long n : notional.values()) {
            sum += n;
        }
        return sum;
    }

    @Override
    public int openPositionCount() {
        int n = 0;
        for (final long q : qty.values()) {
            if (q != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long unrealizedPnlMoney(final InstrumentId id) {
        return 0;
    }

    @Override
    public long realizedPnlMoney(final InstrumentId id) {
        return 0;
    }

    @Override
    public long balanceMoney(final String asset) {
        return free.getOrDefault(asset, 0L);
    }

    @Override
    public long freeBalanceMoney(final String asset) {
        return free.getOrDefault(asset, 0L);
    }

    @Override
    public long equityMoney() {
        return equity;
    }

    @Override
    public long marginUsedMoney() {
        return 0;
    }

    @Override
    public long maintenanceMarginMoney() {
        return 0;
    }
}
