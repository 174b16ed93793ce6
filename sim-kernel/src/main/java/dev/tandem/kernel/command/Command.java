package dev.tandem.kernel.command;

/** A request from the kernel to a venue. */
public sealed interface Command
        permits SubmitOrder, CancelOrder, AmendOrder, CancelAllOrders, QueryOrder, QueryOpenOrders, QueryPositions,
                QueryBalances {
    /** Kernel-assigned id, unique within a run. */
    long commandId();

    /** Kernel time when the command was created. */
    long tsInitNanos();

    /** The venue the command is for. */
    String venue();
}
