package dev.tandem.reports;

import dev.tandem.reports.RunAnalysis.Band;
import dev.tandem.reports.RunRecord.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts drawn in Java: time series (lines, steps, areas) with shaded bands and event markers, heatmaps
 * and histograms. Every chart is an {@code <svg class="chart">} whose data marks carry the class {@code plot}; a chart
 * without data is {@code <svg class="chart empty">} with a message. Coordinates are in a fixed view box and the SVG
 * scales to its container. Output depends only on the input (no clock, no randomness, fixed locale).
 */
final class Svg {
    private static final int LEFT = 72;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 26;

    private Svg() {}

    /** How values on a y axis (and in read-outs) are written. */
    enum YFormat {
        MONEY, PERCENT, RATIO, QTY
    }

    /** A decimal with 1 decimal in the view box (keeps files small and byte-stable). */
    static String c(final double v) {
        final long tenths = Math.round(v * 10);
        final long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + abs / 10 + (abs % 10 == 0 ? "" : "." + abs % 10);
    }

    /** A placeholder chart for when there is nothing to draw. */
    static String empty(final String name, final int width, final int height, final String message) {
        return "<svg class=\"chart empty\" data-chart=\"" + Html.esc(name) + "\" viewBox=\"0 0 " + width + " " + height
                + "\" role=\"img\" aria-label=\"" + Html.esc(message) + "\"><rect x=\"0.5\" y=\"0.5\" width=\"" + (width - 1) + "\" height=\""
                + (height - 1) + "\" fill=\"#fafbfc\" stroke=\"#e3e7eb\"/><text class=\"empty-text\" x=\"" + width / 2 + "\" y=\"" + height / 2 + "\">"
                + Html.esc(message) + "</text></svg>";
    }

    // ================================================================================================ time charts

    /** A chart over time: series, bands, markers, axes and a pointer read-out. */
    static final class TimeChart {
        private final String name;
        private final int width;
        private final int height;
        private final YFormat format;
        private final String unit;
        private long t0 = Long.MAX_VALUE;
        private long t1 = Long.MIN_VALUE;
        private double yMin = Double.POSITIVE_INFINITY;
        private double yMax = Double.NEGATIVE_INFINITY;
        private boolean includeZero;
        private final List<Series> series = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private final List<TimelineEntry> markers = new ArrayList<>();

        private record Series(long[] t, double[] y, String css, String label, boolean hover, Kind kind) {}

        private enum Kind { LINE, STEP, AREA }

        TimeChart(final String name, final int width, final int height, final YFormat format, final String unit) {
            this.name = name;
            this.width = width;
            this.height = height;
            this.format = format;
            this.unit = unit == null ? "" : unit;
        }

        TimeChart includeZero() {
            this.includeZero = true;
            return this;
        }

        TimeChart range(final long from, final long to) {
            t0 = Math.min(t0, from);
            t1 = Math.max(t1, to);
            return this;
        }

        TimeChart line(final long[] t, final double[] y, final String css, final String label, final boolean hover) {
            return add(new Series(t, y, css, label, hover, Kind.LINE));
        }

        TimeChart step(final long[] t, final double[] y, final String css, final String label, final boolean hover) {
            return add(new Series(t, y, css, label, hover, Kind.STEP));
        }

        TimeChart area(final long[] t, final double[] y, final String css, final String label, final boolean hover) {
            includeZero = true;
            return add(new Series(t, y, css, label, hover, Kind.AREA));
        }

        TimeChart bands(final List<Band> list) {
            bands.addAll(list);
            return this;
        }

        TimeChart markers(final List<TimelineEntry> list) {
            for (final TimelineEntry e : list) {
                if (!e.isSpan()) {
                    markers.add(e);
                }
            }
            return this;
        }

        private TimeChart add(final Series s) {
            series.add(s);
            for (int i = 0; i < s.t.length; i++) {
                if (Double.isFinite(s.y[i])) {
                    t0 = Math.min(t0, s.t[i]);
                    t1 = Math.max(t1, s.t[i]);
                    yMin = Math.min(yMin, s.y[i]);
                    yMax = Math.max(yMax, s.y[i]);
                }
            }
            return this;
        }

        /** True when some series has a finite value. */
        boolean hasData() {
            return yMin <= yMax;
        }

        String render(final String ariaLabel) {
            if (!hasData() || t1 <= t0) {
                return empty(name, width, height, "No data to plot");
            }
            double lo = includeZero ? Math.min(0, yMin) : yMin;
            double hi = includeZero ? Math.max(0, yMax) : yMax;
            if (hi == lo) {
                final double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
                lo -= pad;
                hi += pad;
            } else {
                final double pad = (hi - lo) * 0.04;
                lo = includeZero && lo == 0 ? 0 : lo - pad;
                hi = includeZero && hi == 0 ? 0 : hi + pad;
            }
            final double[] ticks = niceTicks(lo, hi, 6);
            lo = Math.min(lo, ticks[0]);
            hi = Math.max(hi, ticks[ticks.length - 1]);
            final double plotW = width - LEFT - RIGHT;
            final double plotH = height - TOP - BOTTOM;
            final double yLo = lo;
            final double yHi = hi;
            final Scale sx = t -> LEFT + (t - (double) t0) / (t1 - (double) t0) * plotW;
            final DoubleFunction<Double> sy = v -> TOP + (1 - (v - yLo) / (yHi - yLo)) * plotH;

            final StringBuilder b = new StringBuilder(32_768);
            final StringBuilder hover = new StringBuilder("[");
            b.append("<svg class=\"chart\" data-chart=\"").append(Html.esc(name)).append("\" viewBox=\"0 0 ").append(width).append(' ')
                    .append(height).append("\" role=\"img\" aria-label=\"").append(Html.esc(ariaLabel)).append('"');
            // y grid and labels
            final StringBuilder axes = new StringBuilder();
            final double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
            for (final double tick : ticks) {
                final double y = sy.apply(tick);
                axes.append("<line class=\"gridline\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(c(y))
                        .append("\" y2=\"").append(c(y)).append("\"/>");
                axes.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(c(y + 4)).append("\" text-anchor=\"end\">")
                        .append(Html.esc(axisValue(tick, step))).append("</text>");
            }
            if (lo < 0 && hi > 0) {
                final double y = sy.apply(0);
                axes.append("<line class=\"zero\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(c(y))
                        .append("\" y2=\"").append(c(y)).append("\"/>");
            }
            // x ticks
            for (final long[] tick : timeTicks(t0, t1)) {
                final double x = sx.at(tick[0]);
                axes.append("<line class=\"gridline\" x1=\"").append(c(x)).append("\" x2=\"").append(c(x)).append("\" y1=\"").append(TOP)
                        .append("\" y2=\"").append(height - BOTTOM).append("\"/>");
                axes.append("<text x=\"").append(c(x)).append("\" y=\"").append(height - BOTTOM + 16).append("\" text-anchor=\"middle\">")
                        .append(Html.esc(timeLabel(tick[0], tick[1], t1 - t0))).append("</text>");
            }
            axes.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(height - BOTTOM)
                    .append("\" y2=\"").append(height - BOTTOM).append("\"/>");
            axes.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" y2=\"")
                    .append(height - BOTTOM).append("\"/>");
            // bands and markers below the data
            final StringBuilder under = new StringBuilder();
            for (final Band band : bands) {
                final double x0 = Math.max(LEFT, sx.at(Math.max(band.startNanos(), t0)));
                final double x1 = Math.min(width - RIGHT, sx.at(Math.min(band.endNanos(), t1)));
                if (x1 < LEFT || x0 > width - RIGHT) {
                    continue;
                }
                under.append("<rect class=\"band ").append(band.category().cssName()).append("\" x=\"").append(c(x0)).append("\" y=\"").append(TOP)
                        .append("\" width=\"").append(c(Math.max(1.5, x1 - x0))).append("\" height=\"").append(c(plotH)).append("\"><title>")
                        .append(Html.esc(band.category().label() + ": " + band.label() + "\n" + Fmt.time(band.startNanos()) + " → "
                                + Fmt.time(band.endNanos()) + " (" + Fmt.duration(band.endNanos() - band.startNanos()) + ")"))
                        .append("</title></rect>");
            }
            final StringBuilder over = new StringBuilder();
            for (final TimelineEntry m : markers) {
                if (m.startNanos() < t0 || m.startNanos() > t1) {
                    continue;
                }
                final double x = sx.at(m.startNanos());
                final String css = m.category().cssName();
                over.append("<g class=\"marker ").append(css).append("\"><title>").append(Html.esc(m.category().label() + " · "
                        + Fmt.time(m.startNanos()) + "\n" + m.label() + (m.detail().isEmpty() ? "" : "\n" + m.detail())))
                        .append("</title><line class=\"marker ").append(css).append("\" x1=\"").append(c(x)).append("\" x2=\"").append(c(x))
                        .append("\" y1=\"").append(TOP + 6).append("\" y2=\"").append(height - BOTTOM).append("\"/><path class=\"marker ").append(css)
                        .append("\" d=\"M").append(c(x - 4.5)).append(' ').append(TOP).append("h9l-4.5 7z\"/></g>");
            }
            // data
            final StringBuilder data = new StringBuilder();
            for (final Series s : series) {
                final List<double[]> pts = decimate(s, sx, sy, plotW);
                if (pts.isEmpty()) {
                    continue;
                }
                final StringBuilder d = new StringBuilder();
                boolean pen = false;
                double lastX = 0;
                double firstX = 0;
                for (final double[] p : pts) {
                    if (Double.isNaN(p[1])) {
                        if (s.kind == Kind.AREA && pen) {
                            d.append("L").append(c(lastX)).append(' ').append(c(sy.apply(0))).append("L").append(c(firstX)).append(' ')
                                    .append(c(sy.apply(0))).append('Z');
                        }
                        pen = false;
                        continue;
                    }
                    if (!pen) {
                        d.append('M').append(c(p[0])).append(' ').append(c(p[1]));
                        firstX = p[0];
                        pen = true;
                    } else if (s.kind == Kind.STEP) {
                        d.append('H').append(c(p[0])).append('V').append(c(p[1]));
                    } else {
                        d.append('L').append(c(p[0])).append(' ').append(c(p[1]));
                    }
                    lastX = p[0];
                }
                if (s.kind == Kind.STEP && pen) {
                    d.append('H').append(c(width - RIGHT));
                }
                if (s.kind == Kind.AREA && pen) {
                    d.append("L").append(c(lastX)).append(' ').append(c(sy.apply(0))).append("L").append(c(firstX)).append(' ')
                            .append(c(sy.apply(0))).append('Z');
                }
                data.append("<path class=\"plot ").append(s.kind == Kind.AREA ? "" : "line ").append(s.css).append("\" d=\"").append(d)
                        .append("\"><title>").append(Html.esc(s.label)).append("</title></path>");
                if (s.hover) {
                    appendHover(hover, s, sx, plotW);
                }
            }
            if (hover.length() > 1) {
                hover.setLength(hover.length() - 1);
            }
            hover.append(']');
            b.append(" data-hover=\"").append(Html.esc(hover.toString())).append("\">");
            b.append(axes).append(under).append(data).append(over);
            b.append("<line class=\"hover-line\" x1=\"0\" x2=\"0\" y1=\"").append(TOP).append("\" y2=\"").append(height - BOTTOM).append("\"/>");
            b.append("</svg>");
            return b.toString();
        }

        /** Per pixel column, the first, lowest, highest and last point (in index order): spikes survive, size stays small. */
        private List<double[]> decimate(final Series s, final Scale sx, final DoubleFunction<Double> sy, final double plotW) {
            final List<double[]> out = new ArrayList<>();
            final int n = s.t.length;
            if (n <= plotW * 2) {
                for (int i = 0; i < n; i++) {
                    out.add(new double[] {sx.at(s.t[i]), Double.isFinite(s.y[i]) ? sy.apply(s.y[i]) : Double.NaN});
                }
                return out;
            }
            int column = Integer.MIN_VALUE;
            int first = -1;
            int min = -1;
            int max = -1;
            int last = -1;
            for (int i = 0; i <= n; i++) {
                final int col = i < n ? (int) Math.floor(sx.at(s.t[i])) : Integer.MAX_VALUE;
                final boolean gap = i < n && !Double.isFinite(s.y[i]);
                if (col != column || gap) {
                    if (first >= 0) {
                        final int[] idx = {first, min, max, last};
                        java.util.Arrays.sort(idx);
                        int prev = -1;
                        for (final int k : idx) {
                            if (k != prev) {
                                out.add(new double[] {sx.at(s.t[k]), sy.apply(s.y[k])});
                                prev = k;
                            }
                        }
                    }
                    first = -1;
                    column = col;
                    if (gap) {
                        out.add(new double[] {sx.at(s.t[i]), Double.NaN});
                        continue;
                    }
                }
                if (i == n) {
                    break;
                }
                if (first < 0) {
                    first = i;
                    min = i;
                    max = i;
                }
                if (s.y[i] < s.y[min]) {
                    min = i;
                }
                if (s.y[i] > s.y[max]) {
                    max = i;
                }
                last = i;
            }
            return out;
        }

        private void appendHover(final StringBuilder json, final Series s, final Scale sx, final double plotW) {
            // at most one read-out point per 2 view-box units: the last sample of each such column
            int column = Integer.MIN_VALUE;
            int pending = -1;
            for (int i = 0; i <= s.t.length; i++) {
                final int col = i < s.t.length ? (int) Math.floor(sx.at(s.t[i]) / 2) : Integer.MAX_VALUE;
                if (col != column && pending >= 0) {
                    json.append("[").append(c(sx.at(s.t[pending]))).append(',').append(Html.jsonString(Fmt.minute(s.t[pending]) + " UTC")).append(',')
                            .append(Html.jsonString(s.label + ": " + readout(s.y[pending]))).append("],");
                    pending = -1;
                }
                if (i == s.t.length) {
                    break;
                }
                column = col;
                if (Double.isFinite(s.y[i])) {
                    pending = i;
                }
            }
        }

        private String readout(final double v) {
            return switch (format) {
                case MONEY -> Fmt.money(v, unit);
                case PERCENT -> Fmt.pct(v);
                case RATIO -> Fmt.ratio(v);
                case QTY -> Fmt.number(v) + (unit.isEmpty() ? "" : " " + unit);
            };
        }

        private String axisValue(final double v, final double step) {
            return switch (format) {
                case PERCENT -> trim(v * 100, step * 100) + "%";
                case MONEY -> compact(v, step);
                case RATIO, QTY -> trim(v, step);
            };
        }
    }

    /** A linear time scale. */
    @FunctionalInterface
    private interface Scale {
        double at(long t);
    }

    /** A tick value with as many decimals as the step needs. */
    static String trim(final double v, final double step) {
        final int decimals = step >= 1 || step <= 0 ? 0 : (int) Math.min(8, Math.ceil(-Math.log10(step) - 1e-9));
        final double rounded = Math.abs(v) < step / 1e6 ? 0 : v;
        return String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
    }

    /** 12.5k, 1.2M for large money values, else {@link #trim}. */
    static String compact(final double v, final double step) {
        final double a = Math.max(Math.abs(v), step);
        if (a >= 1e6 && step >= 1e4) {
            return trim(v / 1e6, step / 1e6) + "M";
        }
        if (a >= 1e4 && step >= 100) {
            return trim(v / 1e3, step / 1e3) + "k";
        }
        return trim(v, step);
    }

    /** About {@code target} round tick values covering [lo, hi]. */
    static double[] niceTicks(final double lo, final double hi, final int target) {
        final double range = nice(hi - lo, false);
        final double step = nice(range / (target - 1), true);
        // ticks are k × step; with a step below 1 computed as (k × mantissa) / 10^n, so that 0.015 prints as 0.015
        final int exp = (int) Math.floor(Math.log10(step) + 1e-9);
        final double mantissa = Math.round(step / Math.pow(10, exp));
        final long first = (long) Math.floor(lo / step + 1e-9);
        final long last = (long) Math.ceil(hi / step - 1e-9);
        final int count = (int) (last - first) + 1;
        final double[] out = new double[Math.max(2, Math.min(count, 50))];
        for (int i = 0; i < out.length; i++) {
            final double k = (first + i) * mantissa;
            out[i] = exp < 0 ? k / Math.pow(10, -exp) : k * Math.pow(10, exp);
        }
        return out;
    }

    private static double nice(final double x, final boolean round) {
        if (!(x > 0)) {
            return 1;
        }
        final double exp = Math.floor(Math.log10(x));
        final double f = x / Math.pow(10, exp);
        final double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }

    private static final long MIN = 60_000_000_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long[] TIME_STEPS = {MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY};
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MDHM = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MD = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter YM = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    /** Tick times {t, step} between t0 and t1, aligned to UTC minutes, hours, days or months. */
    static List<long[]> timeTicks(final long t0, final long t1) {
        final List<long[]> out = new ArrayList<>();
        final long span = t1 - t0;
        long step = -1;
        for (final long s : TIME_STEPS) {
            if (span / s <= 8) {
                step = s;
                break;
            }
        }
        if (step > 0) {
            long t = Math.floorDiv(t0, step) * step;
            if (t < t0) {
                t += step;
            }
            for (; t <= t1 && out.size() < 40; t += step) {
                out.add(new long[] {t, step});
            }
            return out;
        }
        final long months = span / (30 * DAY);
        final int every = months <= 8 ? 1 : months <= 24 ? 3 : months <= 48 ? 6 : months <= 96 ? 12 : (int) (months / 96 + 1) * 12;
        ZonedDateTime z = Instant.ofEpochSecond(0, t0).atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        while (z.getMonthValue() % every != 1 % every) {
            z = z.plusMonths(1);
        }
        for (; out.size() < 40; z = z.plusMonths(every)) {
            final long t = z.toEpochSecond() * 1_000_000_000L;
            if (t > t1) {
                break;
            }
            if (t >= t0) {
                out.add(new long[] {t, 30 * DAY * every});
            }
        }
        return out;
    }

    private static String timeLabel(final long t, final long step, final long span) {
        final ZonedDateTime z = Instant.ofEpochSecond(0, t).atZone(ZoneOffset.UTC);
        if (step >= 28 * DAY) {
            return YM.format(z);
        }
        if (step >= DAY) {
            return span > 365 * DAY ? YMD.format(z) : MD.format(z);
        }
        return span > DAY || z.getHour() == 0 && z.getMinute() == 0 ? MDHM.format(z) : HM.format(z);
    }

    // ================================================================================================ heatmap

    /**
     * A grid of coloured cells with their values: diverging (red below zero, green above) around 0, scaled by the
     * largest absolute value. Missing values (NaN) are grey and unlabelled.
     */
    static String heatmap(final String name, final List<String> rows, final List<String> cols, final double[][] values,
            final DoubleFunction<String> label, final String ariaLabel, final String rowPrefix, final String colPrefix) {
        if (rows.isEmpty() || cols.isEmpty()) {
            return empty(name, 600, 120, "No data to plot");
        }
        final int left = 8 + 7 * rows.stream().mapToInt(String::length).max().orElse(4);
        final int top = 22;
        final int cellW = Math.max(30, Math.min(64, 900 / cols.size()));
        final int cellH = 26;
        final int width = left + cellW * cols.size() + 8;
        final int height = top + cellH * rows.size() + 6;
        double maxAbs = 0;
        for (final double[] row : values) {
            for (final double v : row) {
                if (Double.isFinite(v)) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
        }
        final StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" data-chart=\"").append(Html.esc(name)).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(ariaLabel)).append("\">");
        for (int j = 0; j < cols.size(); j++) {
            b.append("<text x=\"").append(left + j * cellW + cellW / 2).append("\" y=\"").append(top - 7).append("\" text-anchor=\"middle\">")
                    .append(Html.esc(cols.get(j))).append("</text>");
        }
        for (int i = 0; i < rows.size(); i++) {
            final int y = top + i * cellH;
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + cellH / 2 + 4).append("\" text-anchor=\"end\">")
                    .append(Html.esc(rows.get(i))).append("</text>");
            for (int j = 0; j < cols.size(); j++) {
                final double v = values[i][j];
                final int x = left + j * cellW;
                if (!Double.isFinite(v)) {
                    b.append("<rect class=\"empty-cell\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cellW)
                            .append("\" height=\"").append(cellH).append("\"/>");
                    continue;
                }
                b.append("<g><title>").append(Html.esc(rowPrefix + rows.get(i) + " " + colPrefix + cols.get(j) + ": " + label.apply(v))).append("</title>")
                        .append("<rect class=\"plot cell\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cellW)
                        .append("\" height=\"").append(cellH).append("\" fill=\"").append(diverging(v, maxAbs)).append("\"/>")
                        .append("<text class=\"cell-text\" x=\"").append(x + cellW / 2).append("\" y=\"").append(y + cellH / 2).append("\">")
                        .append(Html.esc(label.apply(v))).append("</text></g>");
            }
        }
        return b.append("</svg>").toString();
    }

    /** White at 0, toward red (negative) or green (positive) with |v| / maxAbs. */
    static String diverging(final double v, final double maxAbs) {
        final double f = maxAbs > 0 ? Math.min(1, Math.abs(v) / maxAbs) : 0;
        final int[] to = v < 0 ? new int[] {214, 64, 69} : new int[] {55, 160, 85};
        final int r = (int) Math.round(255 + (to[0] - 255) * f * 0.85);
        final int g = (int) Math.round(255 + (to[1] - 255) * f * 0.85);
        final int bl = (int) Math.round(255 + (to[2] - 255) * f * 0.85);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    // ================================================================================================ histogram

    /**
     * A histogram of values with √n bins (5..40) between the smallest and largest value; bars below zero red, above
     * green; a dashed line at zero when the range spans it. (Overload with the colours the other way round below.)
     *
     * @param scale  multiplies values for display (100 for fractions shown in %)
     * @param suffix unit written after axis numbers ("%", " bps")
     */
    static String histogram(final String name, final double[] raw, final double scale, final String suffix, final String what,
            final String ariaLabel) {
        return histogram(name, raw, scale, suffix, what, ariaLabel, false);
    }

    /** A histogram; with {@code lowerIsBetter} (slippage) bars above zero are red and below zero green. */
    static String histogram(final String name, final double[] raw, final double scale, final String suffix, final String what,
            final String ariaLabel, final boolean lowerIsBetter) {
        final double[] values = java.util.Arrays.stream(raw).filter(Double::isFinite).map(v -> v * scale).toArray();
        if (values.length == 0) {
            return empty(name, 600, 260, "No " + what + " to plot");
        }
        final int width = 600;
        final int height = 260;
        double lo = java.util.Arrays.stream(values).min().orElse(0);
        double hi = java.util.Arrays.stream(values).max().orElse(0);
        if (hi == lo) {
            final double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        final int bins = (int) Math.max(5, Math.min(40, Math.round(Math.sqrt(values.length))));
        final double w = (hi - lo) / bins;
        final int[] counts = new int[bins];
        for (final double v : values) {
            counts[(int) Math.min(bins - 1, Math.floor((v - lo) / w))]++;
        }
        final int maxCount = java.util.Arrays.stream(counts).max().orElse(1);
        final double[] yTicks = niceTicks(0, maxCount, 5);
        final double yTop = yTicks[yTicks.length - 1];
        final double plotW = width - LEFT - RIGHT;
        final double plotH = height - TOP - BOTTOM;
        final double xLo = lo;
        final double xHi = hi;
        final DoubleFunction<Double> sx = v -> LEFT + (v - xLo) / (xHi - xLo) * plotW;
        final StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" data-chart=\"").append(Html.esc(name)).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(ariaLabel)).append("\">");
        for (final double t : yTicks) {
            final double y = TOP + (1 - t / yTop) * plotH;
            b.append("<line class=\"gridline\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(c(y))
                    .append("\" y2=\"").append(c(y)).append("\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(c(y + 4))
                    .append("\" text-anchor=\"end\">").append(trim(t, yTicks[1] - yTicks[0])).append("</text>");
        }
        final double[] xTicks = niceTicks(lo, hi, 7);
        for (final double t : xTicks) {
            if (t < lo - 1e-12 || t > hi + 1e-12) {
                continue;
            }
            final double x = sx.apply(t);
            b.append("<text x=\"").append(c(x)).append("\" y=\"").append(height - BOTTOM + 16).append("\" text-anchor=\"middle\">")
                    .append(Html.esc(trim(t, xTicks[1] - xTicks[0]) + suffix)).append("</text>");
        }
        for (int i = 0; i < bins; i++) {
            if (counts[i] == 0) {
                continue;
            }
            final double a = lo + i * w;
            final double x0 = sx.apply(a);
            final double bw = Math.max(1, sx.apply(a + w) - x0 - 1);
            final double h = counts[i] / yTop * plotH;
            final boolean bad = (a + w / 2 < 0) != lowerIsBetter;
            b.append("<rect class=\"plot ").append(bad ? "bar-neg" : "bar-pos").append("\" x=\"").append(c(x0 + 0.5)).append("\" y=\"")
                    .append(c(TOP + plotH - h)).append("\" width=\"").append(c(bw)).append("\" height=\"").append(c(h)).append("\"><title>")
                    .append(Html.esc(trim(a, w / 10) + suffix + " … " + trim(a + w, w / 10) + suffix + ": " + counts[i] + " " + what))
                    .append("</title></rect>");
        }
        if (lo < 0 && hi > 0) {
            final double x = sx.apply(0);
            b.append("<line class=\"zero\" x1=\"").append(c(x)).append("\" x2=\"").append(c(x)).append("\" y1=\"").append(TOP).append("\" y2=\"")
                    .append(height - BOTTOM).append("\"/>");
        }
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(height - BOTTOM)
                .append("\" y2=\"").append(height - BOTTOM).append("\"/>");
        return b.append("</svg>").toString();
    }
}
