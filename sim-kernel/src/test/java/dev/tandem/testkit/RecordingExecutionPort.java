package dev.tandem.testkit;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.port.ExecutionPort;
import java.util.ArrayList;
import java.util.List;

/**
 * A venue that records every command and never answers. For journal replays: the journal already holds every
 * report the original venue sent, so the replaying kernel must not get any answer from its port.
 */
public final class RecordingExecutionPort implements ExecutionPort {
    private final String venue;
    private final List<Command> commands = new ArrayList<>();

    /** A silent venue named {@code venue}. */
    public RecordingExecutionPort(final String venue) {
        this.venue = venue;
    }

    /** Every command received, in order. */
    public List<Command> commands() {
        return new ArrayList<>(commands);
    }

    /** The commands of one type, in order. */
    public <T extends Command> List<T> commands(final Class<T> type) {
        return TypeFilter.ofType(commands, type);
    }

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public void submit(final SubmitOrder command) {
        commands.add(command);
    }

    @Override
    public void cancel(final CancelOrder command) {
        commands.add(command);
    }

    @Override
    public void amend(final AmendOrder command) {
        commands.add(command);
    }

    @Override
    public void cancelAll(final CancelAllOrders command) {
        commands.add(command);
    }

    @Override
    public void queryOrder(final QueryOrder command) {
        commands.add(command);
    }

    @Override
    public void queryOpenOrders(final QueryOpenOrders command) {
        commands.add(command);
    }

    @Override
    public void queryPositions(final QueryPositions command) {
        commands.add(command);
    }

    @Override
    public void queryBalances(final QueryBalances command) {
        commands.add(command);
    }
}
