package dev.tandem.kernel.event;

/** An instruction from an operator (REST API, scenario schedule). Audited with its operator and reason. */
public sealed interface OperatorCommand extends InboundEvent
        permits EngageKillSwitch, DisengageKillSwitch, PauseStrategy, ResumeStrategy, ClosePosition, ReconcileNow {
    /** Who asked. */
    String operator();

    /** Why. */
    String reason();
}
