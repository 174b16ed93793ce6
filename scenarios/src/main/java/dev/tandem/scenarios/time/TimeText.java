package dev.tandem.scenarios.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations as people write them in scenario files, parsed exactly into nanoseconds (no floating point):
 * durations such as {@code "5m"}, {@code "1.5s"}, {@code "250ms"}, {@code "1h30m"}, {@code "0"}; instants in ISO-8601
 * with an offset, such as {@code "2024-01-01T00:00:00Z"}.
 *
 * <p>Units: {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}. Parts are
 * written largest unit first and each may carry decimals; the total must be a whole number of nanoseconds
 * ({@code "1.5ns"} is an error, not rounded).
 */
public final class TimeText {
    private TimeText() {}

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    private static final long SECOND = 1_000_000_000L;

    /** One regular expression for a duration, shared with the JSON Schema. */
    public static final String DURATION_REGEX = "^(0|(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h|d))+)$";

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static long parseDuration(final String text) {
        final String t = text.strip();
        if (t.equals("0")) {
            return 0;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a duration is needed, such as \"5m\" or \"1.5s\"; got an empty text");
        }
        final Matcher m = PART.matcher(t);
        int pos = 0;
        int lastRank = Integer.MAX_VALUE;
        BigDecimal total = BigDecimal.ZERO;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; write a number and a unit, such as "
                        + "\"5m\", \"1.5s\", \"250ms\" or \"1h30m\" (units ns, us, ms, s, m, h, d)");
            }
            final int rank = rank(m.group(2));
            if (rank >= lastRank) {
                throw new IllegalArgumentException("\"" + text + "\": write each unit once, largest first (like \"1h30m\")");
            }
            lastRank = rank;
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            pos = m.end();
        }
        final BigDecimal whole = total.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a whole number of nanoseconds");
        }
        final BigInteger n = whole.toBigIntegerExact();
        if (n.bitLength() > 62) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return n.longValue();
    }

    /** True if the text looks like an instant (has a date) rather than a duration. */
    public static boolean looksLikeInstant(final String text) {
        return text.strip().matches("^\\d{4}-\\d{2}-\\d{2}T.*");
    }

    /**
     * Parses an ISO-8601 instant with an offset ({@code 2024-01-01T00:00:00Z}, {@code 2024-01-01T02:00:00+02:00}) into
     * epoch nanoseconds.
     */
    public static long parseInstant(final String text) {
        try {
            final Instant i = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), SECOND), i.getNano());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time; write an ISO-8601 instant with an offset, such "
                    + "as \"2024-01-01T00:00:00Z\"");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range");
        }
    }

    /**
     * Parses a point in time of a run: an instant, or a duration after {@code startNanos}.
     */
    public static long parseTime(final String text, final long startNanos) {
        if (looksLikeInstant(text)) {
            return parseInstant(text);
        }
        return Math.addExact(startNanos, parseDuration(text));
    }

    /** Formats a duration in the largest units that keep it exact, e.g. {@code 1h30m}, {@code 1.5s}, {@code 0}. */
    public static String formatDuration(final long nanos) {
        if (nanos == 0) {
            return "0";
        }
        final StringBuilder sb = new StringBuilder();
        long rest = nanos;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        final long[] units = {86_400 * SECOND, 3_600 * SECOND, 60 * SECOND};
        final String[] names = {"d", "h", "m"};
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                sb.append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        if (rest > 0) {
            final BigDecimal s = BigDecimal.valueOf(rest, 9).stripTrailingZeros();
            if (rest >= SECOND || rest % 1_000_000 != 0) {
                sb.append(s.toPlainString()).append('s');
            } else {
                sb.append(BigDecimal.valueOf(rest, 6).stripTrailingZeros().toPlainString()).append("ms");
            }
        }
        return sb.toString();
    }

    /** Formats epoch nanoseconds as an ISO-8601 UTC instant. */
    public static String formatInstant(final long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, SECOND), Math.floorMod(epochNanos, SECOND))
                .atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A run time for messages: {@code T+10m (2024-01-01T00:10:00Z)}. */
    public static String formatRunTime(final long nanos, final long startNanos) {
        return "T+" + formatDuration(nanos - startNanos) + " (" + formatInstant(nanos) + ")";
    }

    private static int rank(final String unit) {
        return switch (unit) {
            case "ns" -> 0;
            case "us", "µs" -> 1;
            case "ms" -> 2;
            case "s" -> 3;
            case "m" -> 4;
            case "h" -> 5;
            default -> 6;
        };
    }

    private static long unitNanos(final String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> SECOND;
            case "m" -> 60 * SECOND;
            case "h" -> 3_600 * SECOND;
            default -> 86_400 * SECOND;
        };
    }
}
