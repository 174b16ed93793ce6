package dev.tandem.reports;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers, times and durations look in reports: fixed locale (ROOT: "," groups thousands, "." is the decimal
 * point), UTC times, units always written. Anything not finite prints as "n/a".
 */
final class Fmt {
    static final String NA = "n/a";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Fmt() {}

    private static DecimalFormat pattern(final String p) {
        return new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** 12,345.67: 2 decimals; more (up to 6) only for a value that would otherwise show as 0.00. */
    static String number(final double v) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        final double a = Math.abs(v);
        if (a != 0 && a < 0.005) {
            return pattern("#,##0.00####").format(v);
        }
        return pattern("#,##0.00").format(v);
    }

    /** A price with at least {@code scale} decimals (the instrument's) and at most {@code scale + 2}; "—" for null. */
    static String price(final BigDecimal d, final int scale) {
        if (d == null) {
            return "—";
        }
        final DecimalFormat f = pattern("#,##0");
        f.setMinimumFractionDigits(scale);
        f.setMaximumFractionDigits(scale + 2);
        return f.format(d);
    }

    /** 12,345.67 USDT. */
    static String money(final double v, final String currency) {
        return Double.isFinite(v) ? number(v) + " " + currency : NA;
    }

    /** +12,345.67 USDT (sign always shown). */
    static String signedMoney(final double v, final String currency) {
        return Double.isFinite(v) ? (v > 0 ? "+" : "") + number(v) + " " + currency : NA;
    }

    /** 12.34% from a fraction. */
    static String pct(final double fraction) {
        return Double.isFinite(fraction) ? pattern("#,##0.00").format(fraction * 100) + "%" : NA;
    }

    /** +12.34% from a fraction (sign always shown). */
    static String signedPct(final double fraction) {
        return Double.isFinite(fraction) ? (fraction > 0 ? "+" : "") + pct(fraction) : NA;
    }

    /** +1.23 pp, a difference of two fractions in percentage points. */
    static String pp(final double fractionDelta) {
        return Double.isFinite(fractionDelta) ? (fractionDelta > 0 ? "+" : "") + pattern("#,##0.00").format(fractionDelta * 100) + " pp" : NA;
    }

    /** 1.23 */
    static String ratio(final double v) {
        return Double.isFinite(v) ? pattern("#,##0.00").format(v) : NA;
    }

    /** 1,234 */
    static String count(final double v) {
        return Double.isFinite(v) ? pattern("#,##0").format(v) : NA;
    }

    /** 3.21× */
    static String multiple(final double v) {
        return Double.isFinite(v) ? pattern("#,##0.00").format(v) + "×" : NA;
    }

    /** 2.1 bps */
    static String bps(final double v) {
        return Double.isFinite(v) ? pattern("#,##0.0").format(v) + " bps" : NA;
    }

    /** 12.3 ms from nanoseconds. */
    static String millis(final double nanos) {
        if (!Double.isFinite(nanos)) {
            return NA;
        }
        final double ms = nanos / 1e6;
        return (ms < 10 ? pattern("0.00") : ms < 100 ? pattern("0.0") : pattern("#,##0")).format(ms) + " ms";
    }

    /** "3 d 4 h", "4 h 12 min", "12 min 5 s", "850 ms", "0 s". */
    static String duration(final double nanos) {
        if (!Double.isFinite(nanos)) {
            return NA;
        }
        final long n = Math.round(nanos);
        if (n == 0) {
            return "0 s";
        }
        if (Math.abs(n) < 1_000_000_000L) {
            return millis(n);
        }
        final long s = n / 1_000_000_000L;
        final long d = s / 86_400;
        final long h = (s % 86_400) / 3_600;
        final long m = (s % 3_600) / 60;
        final long sec = s % 60;
        if (d > 0) {
            return d + " d" + (h > 0 ? " " + h + " h" : "");
        }
        if (h > 0) {
            return h + " h" + (m > 0 ? " " + m + " min" : "");
        }
        if (m > 0) {
            return m + " min" + (sec > 0 ? " " + sec + " s" : "");
        }
        return sec + " s";
    }

    /** 2013-11-25 14:05:00 (UTC). */
    static String time(final long nanos) {
        return TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    /** 2013-11-25 14:05 (UTC). */
    static String minute(final long nanos) {
        return MINUTE.format(Instant.ofEpochSecond(0, nanos));
    }

    /** 2013-11-25 (UTC). */
    static String day(final long nanos) {
        return DAY.format(Instant.ofEpochSecond(0, nanos));
    }

    /** A decimal as written, or "—" for null. */
    static String dec(final BigDecimal d) {
        return d == null ? "—" : d.toPlainString();
    }

    /** A metric's value with its unit. */
    static String metric(final Metric m, final double v, final String currency) {
        return switch (m.unit()) {
            case PERCENT -> pct(v);
            case RATIO -> ratio(v);
            case MONEY -> money(v, currency);
            case COUNT -> count(v);
            case DURATION -> duration(v);
            case MULTIPLE -> multiple(v);
        };
    }

    /** The difference b − a of a metric, with its unit (percentage points for percentages). */
    static String metricDelta(final Metric m, final double delta, final String currency) {
        if (!Double.isFinite(delta)) {
            return NA;
        }
        final String sign = delta > 0 ? "+" : "";
        return switch (m.unit()) {
            case PERCENT -> pp(delta);
            case RATIO -> sign + ratio(delta);
            case MONEY -> sign + money(delta, currency);
            case COUNT -> sign + count(delta);
            case DURATION -> (delta < 0 ? "−" : "+") + duration(Math.abs(delta));
            case MULTIPLE -> sign + multiple(delta);
        };
    }
}
