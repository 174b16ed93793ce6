package dev.tandem.bench;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.port.ExecutionPort;

/**
 * An execution port that does no work: it remembers the last submit (so a benchmark can answer it with a venue
 * report) and counts commands. No I/O, no queues, no allocation, so a benchmark through it measures the kernel.
 * It never calls back into the kernel (ports must not, see {@link ExecutionPort}).
 */
final class NullExecutionPort implements ExecutionPort {
    private final String venue;
    SubmitOrder lastSubmit;
    long submits;
    long cancels;
    long other;

    NullExecutionPort(final String venue) {
        this.venue = venue;
    }

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public void submit(final SubmitOrder command) {
        lastSubmit = command;
        submits++;
    }

    @Override
    public void cancel(final CancelOrder command) {
        cancels++;
    }

    @Override
    public void amend(final AmendOrder command) {
        other++;
    }

    @Override
    public void cancelAll(final CancelAllOrders command) {
        other++;
    }

    @Override
    public void queryOrder(final QueryOrder command) {
        other++;
    }

    @Override
    public void queryOpenOrders(final QueryOpenOrders command) {
        other++;
    }

    @Override
    public void queryPositions(final QueryPositions command) {
        other++;
    }

    @Override
    public void queryBalances(final QueryBalances command) {
        other++;
    }
}
