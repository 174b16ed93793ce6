package dev.tandem.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium for the browser test: renders a page to its DOM (after scripts ran) and to a screenshot, and
 * reads back what went wrong: script errors the page's own error trap listed ({@code li.js-error}), console errors
 * Chromium logged, whether the page's script finished ({@code data-js-ready}), and charts without plotted marks.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern JS_ERROR = Pattern.compile("<li class=\"js-error\">(.*?)</li>", Pattern.DOTALL);
    private static final Pattern CHART = Pattern.compile("<svg class=\"(chart[^\"]*)\"[^>]*?data-chart=\"([^\"]*)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);

    private final Path executable;

    private Chromium(final Path executable) {
        this.executable = executable;
    }

    /** What a page looked like in the browser. */
    record PageCheck(String dom, List<String> jsErrors, List<String> consoleErrors, boolean scriptsFinished, List<String> charts,
            List<String> emptyCharts) {}

    /** The browser: {@code TANDEM_CHROMIUM}, else /usr/bin/chromium (Debian's package), chromium-browser or google-chrome. */
    static Optional<Chromium> find() {
        final List<String> candidates = new ArrayList<>();
        final String env = System.getenv("TANDEM_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("/usr/bin/chromium");
        candidates.add("/usr/bin/chromium-browser");
        candidates.add("/usr/bin/google-chrome");
        for (final String c : candidates) {
            final Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return Optional.of(new Chromium(p));
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    private List<String> baseArgs(final Path profile) {
        return new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
    }

    /** Loads the page, lets its scripts run, and returns the serialised DOM with the problems found in it. */
    PageCheck check(final Path page, final Path work) throws IOException, InterruptedException {
        final List<String> args = baseArgs(Files.createDirectories(work.resolve("profile-dom")));
        args.add("--virtual-time-budget=3000");
        args.add("--dump-dom");
        args.add(page.toUri().toString());
        final Path out = work.resolve("dom.html");
        final Path err = work.resolve("dom.stderr.txt");
        run(args, out, err);
        final String dom = Files.readString(out, StandardCharsets.UTF_8);
        final List<String> jsErrors = new ArrayList<>();
        final Matcher m = JS_ERROR.matcher(dom);
        while (m.find()) {
            jsErrors.add(m.group(1));
        }
        final List<String> charts = new ArrayList<>();
        final List<String> empty = new ArrayList<>();
        final Matcher c = CHART.matcher(dom);
        while (c.find()) {
            charts.add(c.group(2));
            if (c.group(1).contains("empty") || !c.group(3).contains("class=\"plot")) {
                empty.add(c.group(2));
            }
        }
        return new PageCheck(dom, jsErrors, consoleErrors(Files.readString(err, StandardCharsets.UTF_8)), dom.contains("data-js-ready=\"1\""),
                charts, empty);
    }

    /** Saves a screenshot of the page at the given window size. */
    void screenshot(final Path page, final Path png, final int width, final int height, final Path work) throws IOException, InterruptedException {
        final List<String> args = baseArgs(Files.createDirectories(work.resolve("profile-shot")));
        args.add("--window-size=" + width + "," + height);
        args.add("--screenshot=" + png.toAbsolutePath());
        args.add(page.toUri().toString());
        Files.deleteIfExists(png);
        run(args, work.resolve("shot.stdout.txt"), work.resolve("shot.stderr.txt"));
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot; stderr: " + Files.readString(work.resolve("shot.stderr.txt"), StandardCharsets.UTF_8));
        }
    }

    /** Chromium logs console messages as {@code ...:CONSOLE(line)] "message", source: ...}; errors start with "Uncaught". */
    static List<String> consoleErrors(final String stderr) {
        final List<String> out = new ArrayList<>();
        for (final String line : stderr.split("\n")) {
            if (line.contains(":CONSOLE") && (line.contains("Uncaught") || line.contains("Error"))) {
                out.add(line.trim());
            }
        }
        return out;
    }

    private static void run(final List<String> args, final Path stdout, final Path stderr) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", args));
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr, StandardCharsets.UTF_8));
        }
    }
}
