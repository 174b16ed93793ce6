package dev.tandem.scenarios.cli;

import dev.tandem.reports.Metric;
import dev.tandem.reports.Metrics;
import dev.tandem.reports.SweepReport;
import dev.tandem.reports.SweepRow;
import dev.tandem.scenarios.expect.ExpectationOutcome;
import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem sweep FILE --param name=v1,v2 ... --seeds 1..N [--threads K]}: runs the cross product of the values
 * (and seeds) in parallel and writes a summary CSV and the sweep report.
 *
 * <p>Parallel only here, in the CLI: each run is the ordinary single-threaded, deterministic run of {@code tandem run}
 * (its own kernel, venue, loop and recorder; nothing shared but the immutable loaded scenario), and results are
 * written and listed in the order of the cross product, never in the order runs finish. So the summary, the reports and
 * every run's files are the same bytes for any {@code --threads} (checked by {@code SweepCommandTest}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a scenario for every combination of parameter values (and seeds), in parallel, and writes "
                + "sweep.csv (one line per run: parameters, seed, trace hash, key metrics, expectations) and sweep.html "
                + "(a table of every run linked to its report, and heatmaps over two parameters) into the output directory; "
                + "each run's files (as 'tandem run' writes them) go into runs/<n>_<values>/.",
                "Runs are single-threaded and deterministic; --threads only changes how many run at once, never a result."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished and passed its expectations", "1:a run failed an expectation or stopped with an error",
                "2:the scenario file, a parameter or a value is invalid", "3:internal error"})
final class SweepCommand implements Callable<Integer> {
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");
    private static final int MAX_RUNS = 100_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    private Path file;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2,...", required = true,
            description = "a key of the file (by its path, as for 'tandem run --param': strategy.params.fast, "
                    + "risk.drawdown-max, strategies[1].params.qty) and the values to try, comma-separated (repeatable)")
    private List<String> params = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "seeds to run each combination with: 1..10 or 3,7,11 "
            + "(default: the file's seed)")
    private String seeds;

    @Option(names = {"-j", "--threads"}, paramLabel = "K", description = "runs at once (default: the number of processors)")
    private Integer threads;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output directory (default: target/tandem-sweeps/<scenario-name>/ under the current directory)")
    private Path out;

    @Option(names = "--x", paramLabel = "NAME", description = "parameter on the heatmaps' horizontal axis (default: the first --param)")
    private String x;

    @Option(names = "--y", paramLabel = "NAME",
            description = "parameter on the vertical axis (default: the second --param, else seed)")
    private String y;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar (it is shown only on a terminal anyway)")
    private boolean quiet;

    @Option(names = "--progress", description = "show the progress bar even when standard error is not a terminal")
    private boolean progress;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** One run of the sweep: its place in the cross product, its overrides, its label and directory name. */
    record Job(int index, List<Overrides.Setting> overrides, String label, String dirName) {}

    /** What the summary needs of a finished run (not the whole record: sweeps can be large). */
    record Done(Job job, Scenario scenario, String traceHash, boolean passed, int expectationsPassed, int expectations,
                long ordersSent, String endEquity, Metrics metrics, String error) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final LinkedHashMap<String, List<String>> grid = grid();
        final List<Long> seedList = seeds == null ? List.of() : seeds(seeds);
        final List<String> names = new ArrayList<>(grid.keySet());
        final String xName = x != null ? x : names.get(0);
        final String yName = y != null ? y : names.size() > 1 ? names.get(1) : "seed";
        for (final String axis : List.of(xName, yName)) {
            if (!axis.equals("seed") && !grid.containsKey(axis)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the heatmap axis '" + axis
                        + "' is not a swept parameter (sweeping " + names + " and seed)");
            }
        }
        final int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }

        final List<Job> jobs = jobs(grid, seedList);
        final ScenarioLoader loader = ScenarioLoader.defaults();
        // every combination is loaded and checked before anything runs: a bad value stops the sweep at once
        final List<Scenario> scenarios = new ArrayList<>(jobs.size());
        try {
            loader.load(file);
            for (final Job j : jobs) {
                scenarios.add(Overrides.load(loader, file, j.overrides()));
            }
        } catch (ScenarioException e) {
            for (final Problem p : e.problems()) {
                err.println(p);
            }
            err.println("tandem sweep: " + file + " is not a valid scenario with these parameters; nothing was run");
            return TandemCli.INVALID;
        }
        final Path dir = out != null ? out : Path.of("target", "tandem-sweeps", scenarios.get(0).name());
        Files.createDirectories(dir);

        final Progress bar = Progress.of(err, Progress.wanted(quiet, progress), "sweep " + scenarios.get(0).name());
        final AtomicInteger finished = new AtomicInteger();
        final List<Done> done = new ArrayList<>(jobs.size());
        final ExecutorService pool = Executors.newFixedThreadPool(threadCount, r -> {
            final Thread t = new Thread(r, "tandem-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<Future<Done>> futures = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                final Job j = jobs.get(i);
                final Scenario s = scenarios.get(i);
                futures.add(pool.submit(() -> {
                    final Done d = runOne(loader, s, j, dir.resolve("runs").resolve(j.dirName()));
                    final int n = finished.incrementAndGet();
                    bar.update(n, jobs.size(), n + " of " + jobs.size() + " runs");
                    return d;
                }));
            }
            for (final Future<Done> f : futures) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a sweep worker failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            bar.finish();
        }

        final Path csv = dir.resolve("sweep.csv");
        writeCsv(names, done, csv);
        final List<SweepRow> rows = new ArrayList<>();
        for (final Done d : done) {
            if (d.metrics() != null) {
                rows.add(new SweepRow(d.job().label(), Overrides.parameters(d.scenario(), Overrides.usesSingleStrategyKey(file),
                        d.job().overrides()), d.metrics(), "runs/" + d.job().dirName() + "/" + RunOutputs.REPORT));
            }
        }
        Path html = null;
        if (!rows.isEmpty()) {
            html = dir.resolve("sweep.html");
            SweepReport.write(rows, xName, yName, html);
        }

        int passed = 0;
        int errors = 0;
        for (final Done d : done) {
            passed += d.passed() ? 1 : 0;
            if (d.error() != null) {
                errors++;
                err.println("tandem sweep: run " + d.job().label() + " stopped with an error: " + d.error());
            } else if (!d.passed()) {
                o.println("FAILED  " + d.job().label() + ": " + (d.expectations() - d.expectationsPassed()) + " of " + d.expectations()
                        + " expectation(s) failed (" + dir.resolve("runs").resolve(d.job().dirName()).resolve(RunOutputs.RESULT) + ")");
            }
        }
        o.println("sweep " + scenarios.get(0).name() + ": " + jobs.size() + " run(s) on " + threadCount + " thread(s); " + passed
                + " passed every expectation" + (errors > 0 ? ", " + errors + " stopped with an error" : ""));
        o.println("summary: " + csv.toAbsolutePath().normalize());
        if (html != null) {
            o.println("report:  " + html.toAbsolutePath().normalize() + "  (heatmaps over " + xName + " × " + yName + ")");
        }
        o.println("runs:    " + dir.resolve("runs").toAbsolutePath().normalize());
        o.flush();
        return passed == jobs.size() ? TandemCli.OK : TandemCli.FAILED;
    }

    private Done runOne(final ScenarioLoader loader, final Scenario s, final Job j, final Path runDir) {
        try {
            final RunOutputs.Written w = RunOutputs.run(loader, file, s, j.overrides(), runDir, false, List.of());
            int ok = 0;
            for (final ExpectationOutcome e : w.result().expectations()) {
                ok += e.passed() ? 1 : 0;
            }
            return new Done(j, s, w.result().traceHash(), w.result().passed(), ok, w.result().expectations().size(),
                    w.result().venue().ordersSent(), w.result().finalState().equity(), Metrics.of(w.record()), null);
        } catch (IOException | RuntimeException e) {
            return new Done(j, s, "", false, 0, s.expectations().size(), 0, "", null, e.toString());
        }
    }

    /** The swept names and their values, in the order given. */
    private LinkedHashMap<String, List<String>> grid() {
        final LinkedHashMap<String, List<String>> grid = new LinkedHashMap<>();
        for (final String p : params) {
            final Overrides.Setting o;
            try {
                o = Overrides.Setting.parse(p);
                Overrides.steps(o.name());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--param " + e.getMessage());
            }
            if (o.name().equals("seed")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "sweep seeds with --seeds, not --param seed=...");
            }
            if (grid.containsKey(o.name())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--param " + o.name() + " is given twice");
            }
            final List<String> values = new ArrayList<>();
            for (final String v : o.value().split(",", -1)) {
                if (v.isBlank()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--param " + p + ": an empty value");
                }
                if (values.contains(v.trim())) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--param " + p + ": the value " + v.trim() + " is given twice");
                }
                values.add(v.trim());
            }
            grid.put(o.name(), values);
        }
        return grid;
    }

    /** {@code 1..10} or {@code 3,7,11}. */
    private List<Long> seeds(final String text) {
        final List<Long> out = new ArrayList<>();
        final Matcher m = RANGE.matcher(text.trim());
        try {
            if (m.matches()) {
                final long from = Long.parseLong(m.group(1));
                final long to = Long.parseLong(m.group(2));
                if (to < from || to - from >= MAX_RUNS) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--seeds " + text + ": need FROM..TO with FROM <= TO and at most "
                            + MAX_RUNS + " seeds");
                }
                for (long s = from; s <= to; s++) {
                    out.add(s);
                }
            } else {
                for (final String s : text.split(",")) {
                    final long seed = Long.parseLong(s.trim());
                    if (out.contains(seed)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--seeds " + text + ": seed " + seed + " is given twice");
                    }
                    out.add(seed);
                }
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds " + text + ": not FROM..TO or a comma-separated list of "
                    + "whole numbers");
        }
        return out;
    }

    /** The cross product, the first parameter varying slowest and the seed fastest. */
    private List<Job> jobs(final LinkedHashMap<String, List<String>> grid, final List<Long> seedList) {
        long total = seedList.isEmpty() ? 1 : seedList.size();
        for (final List<String> v : grid.values()) {
            total *= v.size();
            if (total > MAX_RUNS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "more than " + MAX_RUNS + " runs; sweep a smaller grid");
            }
        }
        final List<String> names = new ArrayList<>(grid.keySet());
        final List<Job> jobs = new ArrayList<>();
        final int[] at = new int[names.size()];
        final int width = Long.toString(total).length();
        for (long n = 0; n < total; n++) {
            long rest = n;
            final int seedIndex = seedList.isEmpty() ? -1 : (int) (rest % seedList.size());
            rest = seedList.isEmpty() ? rest : rest / seedList.size();
            for (int k = names.size() - 1; k >= 0; k--) {
                final int size = grid.get(names.get(k)).size();
                at[k] = (int) (rest % size);
                rest /= size;
            }
            final List<Overrides.Setting> overrides = new ArrayList<>();
            final StringBuilder label = new StringBuilder();
            final StringBuilder dirName = new StringBuilder(String.format(java.util.Locale.ROOT, "%0" + width + "d", n + 1));
            for (int k = 0; k < names.size(); k++) {
                final String name = names.get(k);
                final String value = grid.get(name).get(at[k]);
                overrides.add(new Overrides.Setting(name, value));
                label.append(label.length() == 0 ? "" : " ").append(shortName(name, names)).append('=').append(value);
                dirName.append('_').append(safe(shortName(name, names))).append('-').append(safe(value));
            }
            if (seedIndex >= 0) {
                final long seed = seedList.get(seedIndex);
                overrides.add(new Overrides.Setting("seed", Long.toString(seed)));
                label.append(" seed=").append(seed);
                dirName.append("_seed-").append(seed);
            }
            jobs.add(new Job((int) n, overrides, label.toString(), dirName.toString()));
        }
        return jobs;
    }

    /** The last key of a path when no other swept name ends the same way ({@code fast} for {@code strategy.params.fast}). */
    static String shortName(final String name, final List<String> all) {
        final String last = name.substring(name.lastIndexOf('.') + 1);
        int same = 0;
        for (final String n : all) {
            same += n.substring(n.lastIndexOf('.') + 1).equals(last) ? 1 : 0;
        }
        return same == 1 ? last : name;
    }

    private static String safe(final String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** {@code sweep.csv}: one line per run in the order of the cross product. */
    static void writeCsv(final List<String> names, final List<Done> done, final Path file) throws IOException {
        final Metric[] metrics = {Metric.TOTAL_RETURN, Metric.CAGR, Metric.SHARPE, Metric.SORTINO, Metric.MAX_DRAWDOWN, Metric.TRADES,
            Metric.WIN_RATE, Metric.PROFIT_FACTOR, Metric.NET_PNL, Metric.FEES};
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            final StringBuilder header = new StringBuilder("run");
            for (final String n : names) {
                header.append(',').append(csv(n));
            }
            header.append(",seed,status,expectations_passed,expectations,trace_hash,end_equity,orders_sent");
            for (final Metric m : metrics) {
                header.append(',').append(m.name().toLowerCase(java.util.Locale.ROOT));
            }
            w.write(header.append(",dir\n").toString());
            for (final Done d : done) {
                final StringBuilder line = new StringBuilder(Integer.toString(d.job().index() + 1));
                final Map<String, String> values = new LinkedHashMap<>();
                for (final Overrides.Setting o : d.job().overrides()) {
                    values.put(o.name(), o.value());
                }
                for (final String n : names) {
                    line.append(',').append(csv(values.get(n)));
                }
                line.append(',').append(d.scenario().seed()).append(',')
                        .append(d.error() != null ? "ERROR" : d.passed() ? "PASS" : "FAIL").append(',').append(d.expectationsPassed())
                        .append(',').append(d.expectations()).append(',').append(d.traceHash()).append(',').append(d.endEquity())
                        .append(',').append(d.ordersSent());
                for (final Metric m : metrics) {
                    line.append(',').append(d.metrics() == null ? "" : number(d.metrics().get(m)));
                }
                w.write(line.append(',').append(csv("runs/" + d.job().dirName())).append('\n').toString());
            }
        }
    }

    /**
     * A metric for the CSV: ten significant digits, plain notation, empty when not available. Exact decimal expansion
     * first ({@code new BigDecimal(double)}), so the text is the same on every JDK (unlike {@code Double.toString}).
     */
    static String number(final double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == 0.0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    private static String csv(final String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
