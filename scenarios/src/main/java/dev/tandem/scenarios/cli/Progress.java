package dev.tandem.scenarios.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar with an ETA on standard error, redrawn in place ({@code \r}) at most every
 * {@value #REDRAW_MILLIS} ms: {@code [##########----------]  50%  15m of 30m simulated  ETA 0:04}. A disabled bar
 * prints nothing; the CLI disables it when standard error is not a terminal or with {@code --quiet}, so logs and
 * pipes never see it. It reads the wall clock only to estimate the time left: it never touches a run.
 *
 * <p>Thread-safe: a sweep's worker threads report finished runs concurrently.
 */
final class Progress {
    static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final LongSupplier clockNanos;
    private final long startedNanos;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;

    Progress(final PrintWriter err, final boolean enabled, final String label, final LongSupplier clockNanos) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.clockNanos = clockNanos;
        this.startedNanos = clockNanos.getAsLong();
    }

    /** A bar on this writer, on when {@code enabled}, timed by the JVM's monotonic clock. */
    static Progress of(final PrintWriter err, final boolean enabled, final String label) {
        return new Progress(err, enabled, label, System::nanoTime);
    }

    /**
     * Whether a bar should be shown: not with {@code --quiet}, and only when the process talks to a terminal
     * ({@code System.console()} is null when a stream is redirected; on JDK 22 and later, where a console exists
     * for redirected streams too, {@code Console.isTerminal()} decides).
     */
    static boolean wanted(final boolean quiet, final boolean forced) {
        if (quiet) {
            return false;
        }
        if (forced) {
            return true;
        }
        final Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            final Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console exists only for a terminal
        }
    }

    /** True when it prints. */
    boolean enabled() {
        return enabled;
    }

    /**
     * Reports progress: {@code done} of {@code total} (any unit), with {@code what} saying it in words
     * ("15m of 30m simulated", "12 of 40 runs"). Redraws at most every {@value #REDRAW_MILLIS} ms unless
     * {@code done == total}.
     */
    synchronized void update(final double done, final double total, final String what) {
        if (!enabled) {
            return;
        }
        final long now = clockNanos.getAsLong();
        if (done < total && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_MILLIS * 1_000_000L) {
            return;
        }
        lastDrawNanos = now;
        final String line = line(done, total, what, now - startedNanos);
        final StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        err.print(sb);
        err.flush();
        drawn = true;
    }

    /** Clears the bar (so the summary that follows starts on a clean line). */
    synchronized void finish() {
        if (!enabled || !drawn) {
            return;
        }
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
        drawn = false;
    }

    /** The bar's text for this much progress after {@code elapsedNanos}. */
    String line(final double done, final double total, final String what, final long elapsedNanos) {
        final double f = total <= 0 ? 1.0 : Math.max(0.0, Math.min(1.0, done / total));
        final int filled = (int) Math.round(f * WIDTH);
        final StringBuilder sb = new StringBuilder();
        if (!label.isEmpty()) {
            sb.append(label).append(' ');
        }
        sb.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(f * 100))).append("  ").append(what);
        if (f >= 1.0) {
            sb.append("  done in ").append(clock(elapsedNanos));
        } else if (f > 0.0) {
            sb.append("  ETA ").append(clock((long) (elapsedNanos * (1.0 - f) / f)));
        } else {
            sb.append("  ETA --:--");
        }
        return sb.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(final long nanos) {
        final long s = Math.max(0, Math.round(nanos / 1e9));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
