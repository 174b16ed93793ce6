package dev.tandem.kernel.event;

/** The kernel started: the run's seed and configuration fingerprint, first event of every trace. */
public record KernelStarted(long seed, String runTag, String configFingerprint, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
