package dev.tandem.kernel.event;

/** Where kernel components emit their outbound events; the kernel hashes, reacts to, and forwards each one. */
@FunctionalInterface
public interface EventSink {
    /** Emits one event. */
    void emit(KernelEvent event);
}
