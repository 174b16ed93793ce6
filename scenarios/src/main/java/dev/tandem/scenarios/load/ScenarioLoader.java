package dev.tandem.scenarios.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.execution.BreakerOpenPolicy;
import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.execution.RateLimit;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.expect.Anchor;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.AccountSpec;
import dev.tandem.scenarios.model.AgentSpec;
import dev.tandem.scenarios.model.FaultSpec;
import dev.tandem.scenarios.model.FillModel;
import dev.tandem.scenarios.model.InstrumentPresets;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.RunSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.model.StrategyConfig;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.scenarios.run.DataSources;
import dev.tandem.scenarios.run.StrategyResolver;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.data.GeometricBrownianMotion;
import dev.tandem.sim.data.MarketDataSource;
import dev.tandem.sim.data.MertonJumpDiffusion;
import dev.tandem.sim.data.PriceProcess;
import dev.tandem.sim.data.PumpAndDump;
import dev.tandem.sim.data.RegimeCrash;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.FaultVariant;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.sim.fault.LatencySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a scenario file: YAML with positions ({@link YamlTree}), the JSON Schema ({@link SchemaCheck}), then the
 * semantic checks and the mapping to {@link Scenario}. Every problem found is collected (not just the first) and
 * reported with file, line and column; nothing half-valid is returned.
 */
public final class ScenarioLoader {
    /** Start of runs on generated data when the file names none. */
    public static final String DEFAULT_START = "2024-01-01T00:00:00Z";
    /** Default starting balance of the account currency when the file names no balances. */
    public static final String DEFAULT_BALANCE = "10000";
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    private final StrategyResolver strategies;
    private final SharedData shared;

    /** A loader with these strategies and this lookup of {@code ${shared}}. */
    public ScenarioLoader(final StrategyResolver strategies, final SharedData shared) {
        this.strategies = strategies;
        this.shared = shared;
    }

    /** The default loader: built-in strategies and class names, {@code ${shared}} found by {@link SharedData#defaults()}. */
    public static ScenarioLoader defaults() {
        return new ScenarioLoader(StrategyResolver.defaults(), SharedData.defaults());
    }

    /** The strategy resolver this loader checks against (the runner uses the same). */
    public StrategyResolver strategies() {
        return strategies;
    }

    /** Loads a file. */
    public Scenario load(final Path file) throws ScenarioException {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(List.of(new Problem(file.toString(), 0, 0, "no such file")));
        } catch (IOException | UncheckedIOException e) {
            throw new ScenarioException(List.of(new Problem(file.toString(), 0, 0, "cannot read the file: " + e.getMessage())));
        }
        return parse(text, file);
    }

    /** Parses scenario text as if it were the file {@code file} (relative data paths resolve beside it). */
    public Scenario parse(final String text, final Path file) throws ScenarioException {
        final String name = file.toString();
        final List<Problem> problems = new ArrayList<>();
        final YamlTree tree = YamlTree.parse(text, name, problems);
        if (tree == null) {
            throw new ScenarioException(problems);
        }
        if (!tree.root().isObject()) {
            problems.add(new Problem(name, 1, 1, "a scenario file is a map of keys (seed, instruments, market-data, ...), not "
                    + (tree.root().isArray() ? "a list" : "a single value")));
            throw new ScenarioException(problems);
        }
        // duplicate keys (already in problems) do not stop the checks: the first value counts, the rest is checked too
        final int beforeSchema = problems.size();
        SchemaCheck.check(tree, name, problems);
        if (problems.size() > beforeSchema) {
            Collections.sort(problems);
            throw new ScenarioException(problems);
        }
        final int beforeMapping = problems.size();
        final Scenario s = new Mapping(tree, file, problems).scenario();
        if (problems.size() == beforeMapping && s == null) {
            throw new IllegalStateException(name + ": the scenario could not be built, but no problem was reported");
        }
        if (!problems.isEmpty() || s == null) {
            Collections.sort(problems);
            throw new ScenarioException(problems);
        }
        return s;
    }

    /** The semantic pass over a schema-valid tree. */
    private final class Mapping {
        private final YamlTree tree;
        private final Path file;
        private final String fileName;
        private final List<Problem> problems;
        private final JsonNode root;

        Mapping(final YamlTree tree, final Path file, final List<Problem> problems) {
            this.tree = tree;
            this.file = file;
            this.fileName = file.toString();
            this.problems = problems;
            this.root = tree.root();
        }

        // -------------------------------------------------------------- helpers

        private void problem(final String pointer, final String message) {
            final YamlTree.Loc l = tree.valueAt(pointer);
            problems.add(new Problem(fileName, l.line(), l.column(), message));
        }

        private void keyProblem(final String pointer, final String message) {
            final YamlTree.Loc l = tree.keyAt(pointer);
            problems.add(new Problem(fileName, l.line(), l.column(), message));
        }

        private JsonNode at(final String pointer) {
            return root.at(pointer);
        }

        private boolean has(final String pointer) {
            final JsonNode n = root.at(pointer);
            return !n.isMissingNode() && !n.isNull();
        }

        private String text(final String pointer, final String dflt) {
            return has(pointer) ? at(pointer).asText() : dflt;
        }

        private String where(final String pointer) {
            return "'" + Paths.dotted(pointer) + "'";
        }

        private Long duration(final String pointer) {
            if (!has(pointer)) {
                return null;
            }
            try {
                return TimeText.parseDuration(at(pointer).asText());
            } catch (IllegalArgumentException e) {
                problem(pointer, where(pointer) + ": " + e.getMessage());
                return null;
            }
        }

        private long durationOr(final String pointer, final long dflt) {
            final Long d = duration(pointer);
            return d == null ? dflt : d;
        }

        private Long time(final String pointer, final long start) {
            if (!has(pointer)) {
                return null;
            }
            try {
                return TimeText.parseTime(at(pointer).asText(), start);
            } catch (IllegalArgumentException | ArithmeticException e) {
                problem(pointer, where(pointer) + ": " + e.getMessage());
                return null;
            }
        }

        private Long scaled(final String pointer, final int scale, final String what) {
            if (!has(pointer)) {
                return null;
            }
            final String t = decimalText(at(pointer));
            try {
                return Fixed.parse(t, scale);
            } catch (NumberFormatException | ArithmeticException e) {
                problem(pointer, where(pointer) + " is " + t + ", but " + what + " has at most " + scale + " decimals");
                return null;
            }
        }

        /** A rate at 1e-8: "5%", "200bps", "10x", or a plain fraction (0.05). */
        private Long rate(final String pointer) {
            if (!has(pointer)) {
                return null;
            }
            final String t = decimalText(at(pointer)).strip();
            BigDecimal v;
            try {
                if (t.endsWith("%")) {
                    v = new BigDecimal(t.substring(0, t.length() - 1)).movePointLeft(2);
                } else if (t.endsWith("bps")) {
                    v = new BigDecimal(t.substring(0, t.length() - 3)).movePointLeft(4);
                } else if (t.endsWith("x")) {
                    v = new BigDecimal(t.substring(0, t.length() - 1));
                } else {
                    v = new BigDecimal(t);
                }
                return v.movePointRight(Fixed.RATE_SCALE).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(pointer, where(pointer) + " is " + t + ", which is not a rate with at most 8 decimals (write \"5%\", "
                        + "\"200bps\" or 0.05)");
                return null;
            }
        }

        private String decimalText(final JsonNode n) {
            return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
        }

        private Integer integer(final String pointer) {
            if (!has(pointer)) {
                return null;
            }
            final BigInteger v = at(pointer).bigIntegerValue();
            if (v.bitLength() > 31) {
                problem(pointer, where(pointer) + " is too large");
                return null;
            }
            return v.intValue();
        }

        private double number(final String pointer, final double dflt) {
            return has(pointer) ? at(pointer).doubleValue() : dflt;
        }

        private List<String> fields(final String pointer) {
            final List<String> out = new ArrayList<>();
            for (final Iterator<String> it = at(pointer).fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
            return out;
        }

        // -------------------------------------------------------------- the scenario

        Scenario scenario() {
            final BigInteger seedValue = at("/seed").bigIntegerValue();
            if (seedValue.bitLength() > 63) {
                problem("/seed", "'seed' must fit a signed 64-bit number, got " + seedValue);
            }
            final long seed = seedValue.longValue();
            final String name = has("/name") ? text("/name", "") : defaultName();
            final String description = text("/description", "").strip();

            final List<Instrument> instruments = instruments();
            if (instruments.isEmpty()) {
                return null;
            }
            final AccountSpec account = account(instruments);
            final Instrument dataInstrument = dataInstrument(instruments);
            final long start = start(dataInstrument);
            final MarketDataSpec data = dataInstrument == null ? null : marketData(dataInstrument, start);
            final RunSpec run = run(start, data);
            // a generator without 'steps' runs for the whole run
            final MarketDataSpec finalData = data instanceof MarketDataSpec.GeneratedData g && run != null && g.steps() == 0
                    ? new MarketDataSpec.GeneratedData(g.instrument(), g.process(), g.initialPrice(), g.stepNanos(),
                            Math.max(1, Math.floorDiv(run.lengthNanos() + g.stepNanos() - 1, g.stepNanos())), g.emit(),
                            g.barIntervalNanos(), g.halfSpreadTicks(), g.minLots(), g.maxLots())
                    : data;
            final List<AgentSpec> agents = agents(instruments, finalData);
            final List<StrategyConfig> strategyConfigs = strategies(instruments);
            final RiskLimits risk = risk();
            final ExecutionConfig execution = execution();
            final List<FaultSpec> faults = run == null ? List.of() : faults(instruments, run);
            final LatencyProfile latency = latency();
            final FillModel fill = has("/fill-model") ? FillModel.named(text("/fill-model", "")) : FillModel.BAR_CLOSE;
            final List<Expectation> expectations = run == null ? List.of()
                    : expectations(instruments, strategyConfigs, faults, run);
            if (!problems.isEmpty() || finalData == null || run == null || risk == null || execution == null) {
                return null;
            }
            return new Scenario(name, description, seed, file, instruments, account, finalData, agents, strategyConfigs, risk,
                    execution, faults, latency, fill, run, expectations);
        }

        private String defaultName() {
            final Path f = file.getFileName();
            String n = f == null ? "scenario" : f.toString();
            final int dot = n.lastIndexOf('.');
            if (dot > 0) {
                n = n.substring(0, dot);
            }
            n = n.replaceAll("[^A-Za-z0-9_-]", "-");
            return n.isEmpty() || !Character.isLetterOrDigit(n.charAt(0)) ? "scenario" + n : n;
        }

        // -------------------------------------------------------------- instruments and account

        private List<Instrument> instruments() {
            final List<Instrument> out = new ArrayList<>();
            final Set<String> symbols = new LinkedHashSet<>();
            String venue = null;
            for (int i = 0; i < at("/instruments").size(); i++) {
                final String p = "/instruments/" + i;
                final Instrument inst = instrument(p);
                if (inst == null) {
                    continue;
                }
                if (!symbols.add(inst.id().symbol())) {
                    problem(p, "instrument " + inst.id().symbol() + " is listed twice");
                    continue;
                }
                if (venue != null && !venue.equals(inst.id().venue())) {
                    problem(p, "every instrument of a scenario trades on one venue (a named simplification of the "
                            + "runner): " + inst.id() + " is not on " + venue);
                    continue;
                }
                venue = inst.id().venue();
                out.add(inst);
            }
            return out;
        }

        private Instrument instrument(final String p) {
            Instrument base = null;
            if (has(p + "/preset")) {
                base = InstrumentPresets.named(text(p + "/preset", ""));
            } else {
                final List<String> missing = new ArrayList<>();
                for (final String k : List.of("symbol", "venue", "kind", "base", "quote", "price-scale", "qty-scale", "tick", "lot")) {
                    if (!has(p + "/" + k)) {
                        missing.add(k);
                    }
                }
                if (!missing.isEmpty()) {
                    problem(p, "an instrument needs a 'preset' (one of " + String.join(", ", InstrumentPresets.names())
                            + ") or all of symbol, venue, kind, base, quote, price-scale, qty-scale, tick and lot; missing: "
                            + String.join(", ", missing));
                    return null;
                }
            }
            final String symbol = text(p + "/symbol", base == null ? null : base.id().symbol());
            final String venue = text(p + "/venue", base == null ? null : base.id().venue());
            final InstrumentKind kind = has(p + "/kind")
                    ? (text(p + "/kind", "").equals("spot") ? InstrumentKind.SPOT : InstrumentKind.LINEAR_PERPETUAL)
                    : base.kind();
            final int priceScale = has(p + "/price-scale") ? integer(p + "/price-scale") : base.priceScale();
            final int qtyScale = has(p + "/qty-scale") ? integer(p + "/qty-scale") : base.qtyScale();
            final int problemsBefore = problems.size();
            final Long tick = scaledOr(p + "/tick", priceScale, base == null ? 0 : base.tickSize(), "a price");
            final Long lot = scaledOr(p + "/lot", qtyScale, base == null ? 0 : base.lotSize(), "a quantity");
            final Long minQty = scaledOr(p + "/min-qty", qtyScale, base == null ? lot : base.minQty(), "a quantity");
            final Long maxQty = scaledOr(p + "/max-qty", qtyScale, base == null ? Long.valueOf(Long.MAX_VALUE / 4) : base.maxQty(),
                    "a quantity");
            final Long minNotional = scaledOr(p + "/min-notional", Fixed.MONEY_SCALE, base == null ? 0 : base.minNotionalMoney(),
                    "money");
            final Long maker = rateOr(p + "/maker-fee", base == null ? 0 : base.makerFeeRate());
            final Long taker = rateOr(p + "/taker-fee", base == null ? 0 : base.takerFeeRate());
            final int maxLeverage = has(p + "/max-leverage") ? integer(p + "/max-leverage")
                    : base == null ? (kind == InstrumentKind.SPOT ? 1 : 100) : base.maxLeverage();
            final Long mmr = rateOr(p + "/maintenance-margin", base == null ? 0 : base.maintenanceMarginRate());
            if (problems.size() > problemsBefore) {
                return null;
            }
            try {
                return new Instrument(new InstrumentId(symbol, venue), kind, text(p + "/base", base == null ? null : base.baseAsset()),
                        text(p + "/quote", base == null ? null : base.quoteAsset()), priceScale, qtyScale, tick, lot, minQty,
                        maxQty, minNotional, maker, taker, maxLeverage, mmr);
            } catch (IllegalArgumentException e) {
                problem(p, "this instrument is not valid: " + e.getMessage());
                return null;
            }
        }

        private Long scaledOr(final String pointer, final int scale, final Long dflt, final String what) {
            return has(pointer) ? scaled(pointer, scale, what) : dflt;
        }

        private Long rateOr(final String pointer, final long dflt) {
            return has(pointer) ? rate(pointer) : Long.valueOf(dflt);
        }

        private AccountSpec account(final List<Instrument> instruments) {
            final String currency = text("/account/currency", instruments.get(0).quoteAsset());
            final TreeMap<String, Long> balances = new TreeMap<>();
            if (has("/account/balances")) {
                for (final String asset : fields("/account/balances")) {
                    final Long v = scaled("/account/balances/" + YamlTree.escape(asset), Fixed.MONEY_SCALE, "money");
                    if (v != null) {
                        if (v < 0) {
                            problem("/account/balances/" + YamlTree.escape(asset), "a starting balance cannot be negative");
                        }
                        balances.put(asset, v);
                    }
                }
            } else {
                balances.put(currency, Fixed.money(DEFAULT_BALANCE));
            }
            final TreeMap<InstrumentId, Integer> leverage = new TreeMap<>();
            if (has("/account/leverage")) {
                final int lev = integer("/account/leverage");
                for (final Instrument i : instruments) {
                    if (i.isPerpetual()) {
                        if (lev > i.maxLeverage()) {
                            problem("/account/leverage", "leverage " + lev + " is above " + i.id().symbol() + "'s maximum of "
                                    + i.maxLeverage());
                        }
                        leverage.put(i.id(), lev);
                    }
                }
                if (leverage.isEmpty()) {
                    problem("/account/leverage", "leverage applies to perpetuals, and this scenario trades none");
                }
            }
            final LedgerKind ledger = text("/account/ledger", "simple").equals("margin") ? LedgerKind.MARGIN : LedgerKind.SIMPLE;
            return new AccountSpec(currency, balances, leverage, ledger);
        }

        // -------------------------------------------------------------- market data and run

        private Instrument dataInstrument(final List<Instrument> instruments) {
            final String p = "/market-data/instrument";
            if (!has(p)) {
                if (instruments.size() > 1) {
                    problem("/market-data", "'market-data' needs 'instrument' (the symbol) when the scenario has several "
                            + "instruments");
                    return null;
                }
                return instruments.get(0);
            }
            return bySymbol(instruments, p);
        }

        private Instrument bySymbol(final List<Instrument> instruments, final String pointer) {
            final String symbol = text(pointer, "");
            for (final Instrument i : instruments) {
                if (i.id().symbol().equals(symbol) || i.id().toString().equals(symbol)) {
                    return i;
                }
            }
            final List<String> known = new ArrayList<>();
            instruments.forEach(i -> known.add(i.id().symbol()));
            problem(pointer, "no instrument '" + symbol + "' in this scenario" + Suggest.didYouMean(symbol, known, "; it has: "));
            return null;
        }

        private long start(final Instrument instrument) {
            if (has("/run/start")) {
                final Long s = time("/run/start", 0);
                return s == null ? TimeText.parseInstant(DEFAULT_START) : s;
            }
            if (has("/market-data/file") && instrument != null) {
                final Path f = dataFile();
                if (f != null && Files.isRegularFile(f)) {
                    final long[] span = span(f, instrument);
                    if (span != null) {
                        return span[0];
                    }
                }
            }
            return TimeText.parseInstant(DEFAULT_START);
        }

        private Path dataFile() {
            final String written = text("/market-data/file", "");
            final Path dir = file.toAbsolutePath().getParent();
            try {
                return shared.resolve(written, dir);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private MarketDataSpec.FileFormat format() {
            final String f = text("/market-data/format", "bars");
            for (final MarketDataSpec.FileFormat x : MarketDataSpec.FileFormat.values()) {
                if (x.text().equals(f)) {
                    return x;
                }
            }
            return MarketDataSpec.FileFormat.BARS;
        }

        /** First event time (bars: open) and last init time of a data file, or null after reporting a problem. */
        private long[] span(final Path f, final Instrument instrument) {
            final MarketDataSpec.FileFormat format = format();
            final Long interval = format == MarketDataSpec.FileFormat.BARS ? durationOr("/market-data/interval", 0) : 0L;
            if (format == MarketDataSpec.FileFormat.BARS && (interval == null || interval <= 0)) {
                return null;
            }
            try (MarketDataSource<? extends MarketData> src = DataSources.openFile(f, f.getFileName().toString(), format,
                    interval, instrument)) {
                long first = Long.MIN_VALUE;
                long last = Long.MIN_VALUE;
                while (src.hasNext()) {
                    final MarketData m = src.next();
                    if (first == Long.MIN_VALUE) {
                        first = m instanceof dev.tandem.kernel.data.Bar b ? b.openTimeNanos() : m.tsEventNanos();
                    }
                    last = m.tsInitNanos();
                }
                if (first == Long.MIN_VALUE) {
                    problem("/market-data/file", "the data file " + f + " holds no records");
                    return null;
                }
                return new long[] {first, last};
            } catch (IOException | UncheckedIOException e) {
                problem("/market-data/file", "cannot read the data file " + f + ": " + e.getMessage());
                return null;
            } catch (RuntimeException e) {
                problem("/market-data/file", "the data file " + f + " is not valid " + format.text() + " data: " + e.getMessage());
                return null;
            }
        }

        private MarketDataSpec marketData(final Instrument instrument, final long start) {
            final boolean hasFile = has("/market-data/file");
            final boolean hasGen = has("/market-data/generator");
            if (hasFile == hasGen) {
                problem("/market-data", "'market-data' needs exactly one of 'file' (recorded data) and 'generator'");
                return null;
            }
            if (hasFile) {
                for (final String k : List.of("generator")) {
                    if (has("/market-data/" + k)) {
                        keyProblem("/market-data/" + k, "'" + k + "' does not go with 'file'");
                    }
                }
                final String written = text("/market-data/file", "");
                final Path dir = file.toAbsolutePath().getParent();
                final Path f;
                try {
                    f = shared.resolve(written, dir);
                } catch (IllegalArgumentException e) {
                    problem("/market-data/file", e.getMessage());
                    return null;
                }
                if (!Files.isRegularFile(f)) {
                    problem("/market-data/file", "the data file " + f + " does not exist" + (written.startsWith("${shared}")
                            ? " (" + SharedData.HOW + ")" : " (relative paths are resolved beside the scenario file)"));
                    return null;
                }
                final MarketDataSpec.FileFormat format = format();
                long interval = 0;
                if (format == MarketDataSpec.FileFormat.BARS) {
                    if (!has("/market-data/interval")) {
                        problem("/market-data", "bar files need 'interval' (the bar period, e.g. \"1h\"): the files do not say");
                        return null;
                    }
                    final Long iv = duration("/market-data/interval");
                    if (iv == null) {
                        return null;
                    }
                    if (iv <= 0) {
                        problem("/market-data/interval", "'market-data.interval' must be positive");
                        return null;
                    }
                    interval = iv;
                } else if (has("/market-data/interval")) {
                    keyProblem("/market-data/interval", "'interval' applies to bar files only");
                }
                final long[] span = span(f, instrument);
                if (span == null) {
                    return null;
                }
                if (span[0] < start) {
                    problem(has("/run/start") ? "/run/start" : "/market-data/file", "the data starts at "
                            + TimeText.formatInstant(span[0]) + ", before the run's start " + TimeText.formatInstant(start));
                }
                return new MarketDataSpec.FileData(instrument.id(), f, written, format, interval, span[0], span[1]);
            }
            for (final String k : List.of("format", "interval")) {
                if (has("/market-data/" + k)) {
                    keyProblem("/market-data/" + k, "'" + k + "' applies to data files, not to a generator");
                }
            }
            return generator(instrument, start);
        }

        private MarketDataSpec generator(final Instrument instrument, final long start) {
            final String g = "/market-data/generator";
            final Long initial = scaled(g + "/initial-price", instrument.priceScale(), "a " + instrument.id().symbol() + " price");
            if (initial != null && !instrument.isValidPrice(initial)) {
                problem(g + "/initial-price", "the initial price must be positive and a multiple of the tick "
                        + instrument.formatPrice(instrument.tickSize()));
            }
            final long step = durationOr(g + "/step", SECOND);
            final Integer stepsValue = integer(g + "/steps");
            final MarketDataSpec.Emit emit = switch (text(g + "/emit", "bars")) {
                case "trades" -> MarketDataSpec.Emit.TRADES;
                case "quotes" -> MarketDataSpec.Emit.QUOTES;
                default -> MarketDataSpec.Emit.BARS;
            };
            final long barInterval = durationOr(g + "/bar-interval", MINUTE);
            final int halfSpread = has(g + "/half-spread-ticks") ? integer(g + "/half-spread-ticks") : 1;
            final int minLots = has(g + "/min-lots") ? integer(g + "/min-lots") : 1;
            final int maxLots = has(g + "/max-lots") ? integer(g + "/max-lots") : Math.max(1, minLots);
            if (step <= 0) {
                problem(g + "/step", "the generator's step must be positive");
            }
            if (emit == MarketDataSpec.Emit.BARS && (barInterval <= 0 || barInterval % Math.max(1, step) != 0)) {
                problem(has(g + "/bar-interval") ? g + "/bar-interval" : g, "the bar interval ("
                        + TimeText.formatDuration(barInterval) + ") must be a positive multiple of the step ("
                        + TimeText.formatDuration(step) + ")");
            }
            if (maxLots < minLots) {
                problem(g + "/max-lots", "'max-lots' must not be below 'min-lots'");
            }
            final double drift = number(g + "/drift", 0.0);
            final double vol = number(g + "/volatility", 0.5);
            final GeometricBrownianMotion gbm = new GeometricBrownianMotion(drift, vol);
            PriceProcess process;
            try {
                process = switch (text(g + "/process", "gbm")) {
                    case "merton" -> new MertonJumpDiffusion(drift, vol, number(g + "/jump-intensity", 0),
                            number(g + "/jump-mean", 0), number(g + "/jump-std", 0));
                    case "regime-crash" -> {
                        final Long at = time(g + "/crash-at", start);
                        final Long dur = duration(g + "/crash-duration");
                        final long rec = durationOr(g + "/recovery-duration", 0);
                        yield at == null || dur == null ? null : new RegimeCrash(gbm, at, dur, number(g + "/crash-fraction", 0),
                                rec, number(g + "/recovery-fraction", 0));
                    }
                    case "pump-and-dump" -> {
                        final Long at = time(g + "/pump-at", start);
                        final Long dur = duration(g + "/pump-duration");
                        final Long dump = duration(g + "/dump-duration");
                        final double pump = number(g + "/pump-fraction", 0);
                        yield at == null || dur == null || dump == null ? null : has(g + "/dump-fraction")
                                ? new PumpAndDump(gbm, at, dur, pump, dump, number(g + "/dump-fraction", 0))
                                : PumpAndDump.backToStart(gbm, at, dur, pump, dump);
                    }
                    default -> gbm;
                };
            } catch (IllegalArgumentException | ArithmeticException e) {
                problem(g, "the generator's parameters do not fit: " + e.getMessage());
                process = null;
            }
            if (process == null || initial == null || step <= 0) {
                return null;
            }
            return new MarketDataSpec.GeneratedData(instrument.id(), process, initial, step, stepsValue == null ? 0 : stepsValue,
                    emit, barInterval, halfSpread, minLots, maxLots);
        }

        private RunSpec run(final long start, final MarketDataSpec data) {
            Long end = null;
            if (has("/run/length") && has("/run/end")) {
                keyProblem("/run/end", "'run' takes 'length' or 'end', not both");
                return null;
            }
            if (has("/run/length")) {
                final Long len = duration("/run/length");
                if (len == null) {
                    return null;
                }
                if (len <= 0) {
                    problem("/run/length", "the run's length must be positive");
                    return null;
                }
                end = start + len;
            } else if (has("/run/end")) {
                end = time("/run/end", start);
                if (end != null && end <= start) {
                    problem("/run/end", "the run must end after it starts (" + TimeText.formatInstant(start) + ")");
                    return null;
                }
            } else if (data instanceof MarketDataSpec.FileData f) {
                end = f.lastNanos() + MINUTE;
            } else if (data instanceof MarketDataSpec.GeneratedData g && g.steps() > 0) {
                end = start + g.steps() * g.stepNanos() + (g.emit() == MarketDataSpec.Emit.BARS ? g.barIntervalNanos() : 0) + MINUTE;
            } else if (data != null) {
                problem(has("/run") ? "/run" : "", "a run on generated data needs 'run.length' (or the generator's 'steps')");
                return null;
            }
            if (end == null) {
                return null;
            }
            final long sample = durationOr("/run/sample-every", MINUTE);
            final long reconcile = durationOr("/run/reconcile-every", 0);
            final long timeout = durationOr("/run/request-timeout", 5 * SECOND);
            if (sample <= 0) {
                problem("/run/sample-every", "'run.sample-every' must be positive");
                return null;
            }
            if (timeout <= 0) {
                problem("/run/request-timeout", "'run.request-timeout' must be positive");
                return null;
            }
            RunSpec.KernelCrash crash = null;
            if (has("/run/crash-at")) {
                final Long at = time("/run/crash-at", start);
                final long down = durationOr("/run/restart-after", 0);
                final String mode = text("/run/restore-from", "journal");
                if (at == null) {
                    return null;
                }
                if (at <= start || at + down >= end) {
                    problem("/run/crash-at", "the kernel must crash after the run's start and restart ('restart-after') before its end ("
                            + TimeText.formatInstant(end) + ")");
                    return null;
                }
                crash = new RunSpec.KernelCrash(at, down, "snapshot".equals(mode) ? RunSpec.Restore.SNAPSHOT : RunSpec.Restore.JOURNAL);
            } else if (has("/run/restart-after") || has("/run/restore-from")) {
                problem(has("/run/restart-after") ? "/run/restart-after" : "/run/restore-from",
                        "'restart-after' and 'restore-from' need 'run.crash-at'");
                return null;
            }
            return new RunSpec(start, end, sample, reconcile, timeout, crash);
        }

        // -------------------------------------------------------------- agents and strategies

        private List<AgentSpec> agents(final List<Instrument> instruments, final MarketDataSpec data) {
            final List<AgentSpec> out = new ArrayList<>();
            for (int i = 0; i < at("/agents").size(); i++) {
                final String p = "/agents/" + i;
                final Instrument inst = has(p + "/instrument") ? bySymbol(instruments, p + "/instrument")
                        : instruments.size() == 1 ? instruments.get(0) : null;
                if (inst == null) {
                    if (!has(p + "/instrument")) {
                        problem(p, "an agent needs 'instrument' when the scenario has several instruments");
                    }
                    continue;
                }
                if (text(p + "/type", "").equals("ladder")) {
                    Long mid = scaled(p + "/mid", inst.priceScale(), "a price");
                    if (mid == null && !has(p + "/mid")) {
                        if (data instanceof MarketDataSpec.GeneratedData g) {
                            mid = g.initialPrice();
                        } else {
                            problem(p, "a ladder agent needs 'mid' (its first mid price) unless the data is generated");
                            continue;
                        }
                    }
                    final Long qty = scaled(p + "/qty", inst.qtyScale(), "a quantity");
                    if (mid == null || qty == null) {
                        continue;
                    }
                    if (!inst.isValidQty(qty)) {
                        problem(p + "/qty", "the ladder's qty is not a valid " + inst.id().symbol() + " quantity");
                        continue;
                    }
                    out.add(new AgentSpec.Ladder(inst.id(), mid, has(p + "/levels") ? integer(p + "/levels") : 5, qty,
                            durationOr(p + "/period", SECOND), has(p + "/step-ticks") ? integer(p + "/step-ticks") : 2,
                            has(p + "/spacing-ticks") ? integer(p + "/spacing-ticks") : 1));
                } else {
                    out.add(new AgentSpec.NoiseTaker(inst.id(), durationOr(p + "/mean-gap", SECOND),
                            has(p + "/max-lots") ? integer(p + "/max-lots") : 1));
                }
            }
            return out;
        }

        private List<StrategyConfig> strategies(final List<Instrument> instruments) {
            final List<String> pointers = new ArrayList<>();
            if (has("/strategy") && has("/strategies")) {
                keyProblem("/strategies", "write either 'strategy' (one) or 'strategies' (a list), not both");
                return List.of();
            }
            if (has("/strategy")) {
                pointers.add("/strategy");
            }
            for (int i = 0; i < at("/strategies").size(); i++) {
                pointers.add("/strategies/" + i);
            }
            final List<StrategyConfig> out = new ArrayList<>();
            final Set<String> ids = new LinkedHashSet<>();
            int n = 0;
            for (final String p : pointers) {
                n++;
                final boolean byName = has(p + "/name");
                final boolean byClass = has(p + "/class");
                if (byName == byClass) {
                    problem(p, "a strategy needs exactly one of 'name' (a built-in: " + String.join(", ", strategies.names())
                            + ") and 'class' (a fully-qualified class name)");
                    continue;
                }
                final String ref = text(p + (byClass ? "/class" : "/name"), "");
                final String refPointer = p + (byClass ? "/class" : "/name");
                StrategyResolver.Resolved resolved;
                try {
                    resolved = strategies.resolve(ref, byClass);
                } catch (IllegalArgumentException e) {
                    problem(refPointer, e.getMessage());
                    continue;
                }
                if (resolved == null) {
                    problem(refPointer, "unknown strategy '" + ref + "'" + Suggest.didYouMean(ref, strategies.names(),
                            "; built-in strategies: ") + (byClass ? "" : " (or give a class with 'class:')"));
                    continue;
                }
                final String id = text(p + "/id", pointers.size() == 1 ? "s1" : "s" + n);
                if (!ids.add(id)) {
                    problem(p + "/id", "two strategies have the id '" + id + "'");
                    continue;
                }
                final List<InstrumentId> ins = new ArrayList<>();
                if (has(p + "/instruments")) {
                    for (int i = 0; i < at(p + "/instruments").size(); i++) {
                        final Instrument inst = bySymbol(instruments, p + "/instruments/" + i);
                        if (inst != null) {
                            ins.add(inst.id());
                        }
                    }
                } else {
                    instruments.forEach(i -> ins.add(i.id()));
                }
                final TreeMap<String, String> params = new TreeMap<>();
                if (has(p + "/params")) {
                    for (final String k : fields(p + "/params")) {
                        final String kp = p + "/params/" + YamlTree.escape(k);
                        if (resolved.parameters() != null && !resolved.parameters().contains(k)) {
                            keyProblem(kp, "strategy '" + ref + "' has no parameter '" + k + "'"
                                    + Suggest.didYouMean(k, List.copyOf(new java.util.TreeSet<>(resolved.parameters())),
                                    "; its parameters: "));
                            continue;
                        }
                        params.put(k, decimalText(at(kp)));
                    }
                }
                if (ins.isEmpty()) {
                    continue;
                }
                final Instrument first = instruments.stream().filter(x -> x.id().equals(ins.get(0))).findFirst().orElseThrow();
                for (final String message : resolved.check().apply(params, first)) {
                    // a message about one parameter ("parameter 'qty' ...") points at that parameter's value
                    String where = has(p + "/params") ? p + "/params" : p;
                    for (final String k : params.keySet()) {
                        if (message.startsWith("parameter '" + k + "'")) {
                            where = p + "/params/" + YamlTree.escape(k);
                        }
                    }
                    problem(where, "strategy '" + ref + "': " + message);
                }
                final boolean mm = has(p + "/market-maker") && at(p + "/market-maker").asBoolean();
                out.add(new StrategyConfig(id, ref, byClass, ins, mm, params));
            }
            return out;
        }

        // -------------------------------------------------------------- risk and execution

        private RiskLimits risk() {
            final RiskLimits.Builder b = RiskLimits.builder();
            final String r = "/risk";
            final int before = problems.size();
            final RiskLimits d = RiskLimits.defaults();
            money(r + "/order-notional-max", b::orderNotionalMoneyMax);
            money(r + "/position-notional-max", b::positionNotionalMoneyMax);
            money(r + "/total-notional-max", b::totalNotionalMoneyMax);
            if (has(r + "/open-positions-max")) {
                b.openPositionsMax(integer(r + "/open-positions-max"));
            }
            rateInto(r + "/concentration-max", b::concentrationRateMax);
            rateInto(r + "/leverage-max", b::leverageRateMax);
            rateInto(r + "/price-band", b::priceBandRate);
            rateInto(r + "/slippage-max", b::slippageRateMax);
            if (has(r + "/strategy-order-rate")) {
                b.strategyOrderRate(integer(r + "/strategy-order-rate/count"), durationOr(r + "/strategy-order-rate/per", SECOND));
            }
            if (has(r + "/global-order-rate")) {
                b.globalOrderRate(integer(r + "/global-order-rate/count"), durationOr(r + "/global-order-rate/per", SECOND));
            }
            if (has(r + "/rate-abuse")) {
                b.rateAbuse(integer(r + "/rate-abuse/denials"), durationOr(r + "/rate-abuse/per", SECOND));
            }
            if (has(r + "/venue-failures-max")) {
                b.venueFailuresMax(integer(r + "/venue-failures-max"));
            }
            rateInto(r + "/daily-loss-max", b::dailyLossRateMax);
            rateInto(r + "/drawdown-max", b::drawdownRateMax);
            final Long reducing = rate(r + "/margin-ratio-reducing");
            final Long flatten = rate(r + "/margin-ratio-flatten");
            if (reducing != null || flatten != null) {
                b.marginRatio(reducing == null ? d.marginRatioReducingRate() : reducing,
                        flatten == null ? d.marginRatioFlattenRate() : flatten);
            }
            if (has(r + "/data-stale")) {
                b.dataStaleNanos(durationOr(r + "/data-stale", d.dataStaleNanos()));
            }
            if (has(r + "/pause-on-breaker-open")) {
                b.pauseOnBreakerOpen(at(r + "/pause-on-breaker-open").asBoolean());
            }
            rateInto(r + "/edge-collapse", b::edgeCollapseRate);
            if (has(r + "/spot-balance-check")) {
                b.spotBalanceCheck(at(r + "/spot-balance-check").asBoolean());
            }
            if (problems.size() > before) {
                return null;
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                problem(r, "the risk limits do not fit together: " + e.getMessage());
                return null;
            }
        }

        private void money(final String pointer, final java.util.function.LongConsumer into) {
            final Long v = scaled(pointer, Fixed.MONEY_SCALE, "money");
            if (v != null) {
                if (v < 0) {
                    problem(pointer, where(pointer) + " must not be negative (0 switches the check off)");
                } else {
                    into.accept(v);
                }
            }
        }

        private void rateInto(final String pointer, final java.util.function.LongConsumer into) {
            final Long v = rate(pointer);
            if (v != null) {
                if (v < 0) {
                    problem(pointer, where(pointer) + " must not be negative (0 switches the check off)");
                } else {
                    into.accept(v);
                }
            }
        }

        private ExecutionConfig execution() {
            final ExecutionConfig d = ExecutionConfig.defaults();
            final String e = "/execution";
            if (!has(e)) {
                return d;
            }
            final int before = problems.size();
            final BreakerOpenPolicy policy = has(e + "/breaker-open-policy")
                    ? BreakerOpenPolicy.valueOf(text(e + "/breaker-open-policy", "queue").toUpperCase(Locale.ROOT))
                    : d.breakerOpenPolicy();
            RateLimit limit = d.defaultRateLimit();
            if (has(e + "/rate-limit")) {
                limit = RateLimit.perSecond(integer(e + "/rate-limit/burst"), integer(e + "/rate-limit/per-second"));
            }
            final int maxRetries = has(e + "/max-retries") ? integer(e + "/max-retries") : d.maxRetries();
            final long retryBase = durationOr(e + "/retry-base", d.retryBaseNanos());
            final double jitter = number(e + "/retry-jitter", d.retryJitterFraction());
            final int failures = has(e + "/breaker-failures") ? integer(e + "/breaker-failures") : d.breakerFailureThreshold();
            final long open = durationOr(e + "/breaker-open", d.breakerOpenNanos());
            final int halfOpen = has(e + "/breaker-half-open-successes") ? integer(e + "/breaker-half-open-successes")
                    : d.breakerHalfOpenSuccesses();
            final int capacity = has(e + "/queue-capacity") ? integer(e + "/queue-capacity") : d.queueCapacity();
            final long ttl = durationOr(e + "/queue-ttl", d.queueTtlNanos());
            if (problems.size() > before) {
                return null;
            }
            try {
                return new ExecutionConfig(maxRetries, retryBase, jitter, d.maxRateLimitedRetries(), d.defaultRetryAfterNanos(),
                        d.unknownRequeryNanos(), failures, open, halfOpen, d.probeTimeoutNanos(), policy, capacity, ttl,
                        d.cancelAllCheckNanos(), limit, d.rateLimitsByVenue());
            } catch (IllegalArgumentException ex) {
                problem(e, ex.getMessage());
                return null;
            }
        }

        // -------------------------------------------------------------- faults and latency

        private List<FaultSpec> faults(final List<Instrument> instruments, final RunSpec run) {
            final List<FaultSpec> out = new ArrayList<>();
            final Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < at("/faults").size(); i++) {
                final String p = "/faults/" + i;
                final String type = text(p + "/type", "");
                final FaultType ft = FaultType.valueOf(type.toUpperCase(Locale.ROOT).replace('-', '_'));
                final String id = text(p + "/id", "fault-" + (i + 1));
                if (!ids.add(id)) {
                    problem(p + "/id", "two faults have the id '" + id + "'");
                }
                final Long at = time(p + "/at", run.startNanos());
                final long duration = ft.windowed() ? durationOr(p + "/duration", 0) : 0;
                if (at == null) {
                    continue;
                }
                if (at < run.startNanos() || at >= run.endNanos()) {
                    problem(p + "/at", "fault '" + id + "' starts at " + TimeText.formatRunTime(at, run.startNanos())
                            + ", outside the run (" + TimeText.formatDuration(run.lengthNanos()) + " from "
                            + TimeText.formatInstant(run.startNanos()) + ")");
                    continue;
                }
                if (ft.windowed() && duration <= 0) {
                    problem(p + "/duration", "fault '" + id + "' needs a positive duration");
                    continue;
                }
                if (ft.windowed() && at + duration > run.endNanos()) {
                    problem(p + "/duration", "fault '" + id + "' ends at " + TimeText.formatRunTime(at + duration, run.startNanos())
                            + ", after the run ends at " + TimeText.formatRunTime(run.endNanos(), run.startNanos()));
                    continue;
                }
                String symbol = null;
                if (has(p + "/symbol")) {
                    final Instrument inst = bySymbol(instruments, p + "/symbol");
                    if (inst == null) {
                        continue;
                    }
                    symbol = inst.id().symbol();
                }
                FaultVariant variant = FaultVariant.NONE;
                long magnitude = 0;
                double probability = 1.0;
                switch (ft) {
                    case OUTAGE -> {
                        variant = FaultVariant.valueOf(text(p + "/mode", "http-5xx").toUpperCase(Locale.ROOT).replace('-', '_'));
                        magnitude = durationOr(p + "/timeout", 0);
                    }
                    case RATE_LIMIT -> {
                        variant = FaultVariant.valueOf(text(p + "/flavour", "http-429").toUpperCase(Locale.ROOT).replace('-', '_'));
                        magnitude = durationOr(p + "/retry-after", 0);
                    }
                    case LATENCY_SPIKE -> magnitude = durationOr(p + "/extra", 0);
                    case MD_GAP, LOST_ACK, DUPLICATE_REPORTS -> {
                        probability = number(p + "/probability", 1.0);
                        magnitude = ft == FaultType.LOST_ACK ? durationOr(p + "/timeout", 0) : durationOr(p + "/delay", 0);
                    }
                    case REORDER_REPORTS -> magnitude = durationOr(p + "/max-delay", 0);
                    case CANCEL_REJECT_FILLED -> magnitude = durationOr(p + "/delay", 0);
                    case PRICE_GAP, FORCED_LIQUIDATION -> magnitude = has(p + "/bps") ? at(p + "/bps").longValue() : 0;
                    default -> { }
                }
                try {
                    out.add(new FaultSpec(id, new Fault(ft, at, duration, symbol, variant, probability, magnitude)));
                } catch (IllegalArgumentException e) {
                    problem(p, "fault '" + id + "' is not valid: " + e.getMessage());
                }
            }
            return out;
        }

        private LatencyProfile latency() {
            final String l = "/latency";
            if (!has(l)) {
                return LatencyProfile.defaults();
            }
            final int given = (has(l + "/preset") ? 1 : 0) + (has(l + "/fixed") ? 1 : 0);
            if (given > 1) {
                problem(l, "'latency' takes one of 'preset' and 'fixed'");
                return LatencyProfile.defaults();
            }
            LatencyProfile base = LatencyProfile.defaults();
            if (has(l + "/preset") && text(l + "/preset", "").equals("zero")) {
                base = LatencyProfile.zero();
            }
            if (has(l + "/fixed")) {
                base = LatencyProfile.fixed(durationOr(l + "/fixed", 0));
            }
            return new LatencyProfile(spec(l + "/order-entry", base.orderEntry()), spec(l + "/cancel", base.cancel()),
                    spec(l + "/report", base.report()), spec(l + "/market-data", base.marketData()));
        }

        private LatencySpec spec(final String p, final LatencySpec base) {
            if (!has(p)) {
                return base;
            }
            try {
                return new LatencySpec(durationOr(p + "/fixed", base.fixedNanos()), durationOr(p + "/jitter", base.jitterNanos()),
                        number(p + "/spike-probability", base.spikeProbability()), durationOr(p + "/spike", base.spikeNanos()));
            } catch (IllegalArgumentException e) {
                problem(p, e.getMessage());
                return base;
            }
        }

        // -------------------------------------------------------------- expectations

        private List<Expectation> expectations(final List<Instrument> instruments, final List<StrategyConfig> strategyConfigs,
                                               final List<FaultSpec> faults, final RunSpec run) {
            final List<Expectation> out = new ArrayList<>();
            for (int i = 0; i < at("/expectations").size(); i++) {
                final String p = "/expectations/" + i;
                final int before = problems.size();
                final Expectation e = expectation(p, instruments, strategyConfigs, faults, run);
                if (e != null && problems.size() == before) {
                    out.add(e);
                }
            }
            return out;
        }

        private Expectation expectation(final String p, final List<Instrument> instruments, final List<StrategyConfig> strategyConfigs,
                                        final List<FaultSpec> faults, final RunSpec run) {
            final String kind = text(p + "/expect", "");
            final Long within = duration(p + "/within");
            switch (kind) {
                case "trading-state":
                    return new Expectation.TradingStateReached(TradingState.valueOf(text(p + "/state", "")),
                            has(p + "/trigger") ? RiskTrigger.valueOf(text(p + "/trigger", "")) : null,
                            anchor(p, "after", faults, run), within);
                case "strategy-state": {
                    final String strategy = strategyRef(p + "/strategy", strategyConfigs);
                    return new Expectation.StrategyStateReached(strategy, StrategyState.valueOf(text(p + "/state", "")),
                            has(p + "/trigger") ? RiskTrigger.valueOf(text(p + "/trigger", "")) : null,
                            anchor(p, "after", faults, run), within);
                }
                case "breaker":
                    return new Expectation.BreakerStateReached(BreakerState.valueOf(text(p + "/state", "OPEN")),
                            anchor(p, "after", faults, run), within);
                case "orders-while-halted":
                    return new Expectation.OrdersWhileHalted(has(p + "/max") ? at(p + "/max").longValue() : 0);
                case "max-orders-per-second":
                    return new Expectation.MaxOrdersPerSecond(at(p + "/max").longValue());
                case "final-position": {
                    final Instrument inst = has(p + "/instrument") ? bySymbol(instruments, p + "/instrument")
                            : instruments.size() == 1 ? instruments.get(0) : null;
                    if (inst == null) {
                        if (!has(p + "/instrument")) {
                            problem(p, "'final-position' needs 'instrument' when the scenario has several instruments");
                        }
                        return null;
                    }
                    final Long qty = scaled(p + "/equals", inst.qtyScale(), "a " + inst.id().symbol() + " quantity");
                    return qty == null ? null : new Expectation.FinalPosition(inst.id(), qty);
                }
                case "avg-entry-price": {
                    final Instrument inst = has(p + "/instrument") ? bySymbol(instruments, p + "/instrument")
                            : instruments.size() == 1 ? instruments.get(0) : null;
                    if (inst == null) {
                        if (!has(p + "/instrument")) {
                            problem(p, "'avg-entry-price' needs 'instrument' when the scenario has several instruments");
                        }
                        return null;
                    }
                    final Long price = scaled(p + "/equals", inst.priceScale(), "a " + inst.id().symbol() + " price");
                    return price == null ? null : new Expectation.AvgEntryPrice(inst.id(), price);
                }
                case "max-position": {
                    final Instrument inst = has(p + "/instrument") ? bySymbol(instruments, p + "/instrument")
                            : instruments.size() == 1 ? instruments.get(0) : null;
                    if (inst == null) {
                        if (!has(p + "/instrument")) {
                            problem(p, "'max-position' needs 'instrument' when the scenario has several instruments");
                        }
                        return null;
                    }
                    final Long max = scaled(p + "/max", inst.qtyScale(), "a " + inst.id().symbol() + " quantity");
                    if (max == null) {
                        return null;
                    }
                    if (max < 0) {
                        problem(p + "/max", "'max' bounds |position|, so it cannot be negative; write " + inst.formatQty(-max));
                        return null;
                    }
                    // a window reaching past the run's end is cut at the end, as for the state expectations
                    return new Expectation.MaxPosition(inst.id(), max, anchor(p, "after", faults, run), within);
                }
                case "final-equity": {
                    final Long m = scaled(p + "/equals", Fixed.MONEY_SCALE, "money");
                    return m == null ? null : new Expectation.FinalEquity(m);
                }
                case "funding-total": {
                    final Long m = scaled(p + "/equals", Fixed.MONEY_SCALE, "money");
                    final Long n = has(p + "/settlements") ? at(p + "/settlements").longValue() : null;
                    return m == null ? null : new Expectation.FundingTotal(m, n);
                }
                case "max-drawdown": {
                    final Long r = rate(p + "/max");
                    return r == null ? null : new Expectation.MaxDrawdown(r);
                }
                case "count":
                    return count(p, strategyConfigs, faults, run);
                case "no-invariant-violations":
                    return new Expectation.NoInvariantViolations();
                case "orders-consistent":
                    return new Expectation.OrdersConsistent();
                case "trace-hash":
                    return new Expectation.TraceHashEquals(text(p + "/equals", "").toLowerCase(Locale.ROOT));
                default:
                    problem(p + "/expect", "unknown expectation '" + kind + "'");
                    return null;
            }
        }

        private String strategyRef(final String pointer, final List<StrategyConfig> strategyConfigs) {
            if (!has(pointer)) {
                return null;
            }
            final String s = text(pointer, "");
            final List<String> ids = new ArrayList<>();
            strategyConfigs.forEach(c -> ids.add(c.id()));
            if (!ids.contains(s)) {
                problem(pointer, "no strategy with id '" + s + "' in this scenario" + Suggest.didYouMean(s, ids, "; strategies: "));
            }
            return s;
        }

        private Expectation count(final String p, final List<StrategyConfig> strategyConfigs, final List<FaultSpec> faults,
                                  final RunSpec run) {
            final Expectation.Counted what = Expectation.Counted.named(text(p + "/of", ""));
            ReasonCode reason = null;
            if (has(p + "/reason")) {
                final String r = text(p + "/reason", "");
                if (!what.hasReason()) {
                    keyProblem(p + "/reason", "'reason' applies to denied, rejected and canceled, not to " + what.text());
                    return null;
                }
                try {
                    reason = ReasonCode.valueOf(r);
                } catch (IllegalArgumentException e) {
                    final List<String> names = new ArrayList<>();
                    for (final ReasonCode c : ReasonCode.values()) {
                        names.add(c.name());
                    }
                    problem(p + "/reason", "unknown reason code '" + r + "'" + Suggest.didYouMean(r, names, null)
                            + " (the codes are listed in dev.tandem.kernel.model.ReasonCode)");
                    return null;
                }
            }
            DriftKind driftKind = null;
            if (has(p + "/kind")) {
                if (what != Expectation.Counted.DRIFTS) {
                    keyProblem(p + "/kind", "'kind' applies to drifts only (a DriftKind such as external-close), not to "
                            + what.text());
                    return null;
                }
                // the schema's enumeration already refused a name that is not a DriftKind (with a suggestion)
                driftKind = DriftKind.valueOf(text(p + "/kind", "").toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            // the risk engine's own orders (flattens) are counted under its id 'risk'
            final String strategy = has(p + "/strategy") && text(p + "/strategy", "").equals(StrategyId.RISK.value())
                    ? StrategyId.RISK.value() : strategyRef(p + "/strategy", strategyConfigs);
            if (has(p + "/equals") && (has(p + "/at-least") || has(p + "/at-most"))) {
                keyProblem(p + "/equals", "'equals' does not go with 'at-least' or 'at-most'");
                return null;
            }
            Long atLeast = has(p + "/at-least") ? at(p + "/at-least").longValue() : null;
            Long atMost = has(p + "/at-most") ? at(p + "/at-most").longValue() : null;
            if (has(p + "/equals")) {
                atLeast = at(p + "/equals").longValue();
                atMost = atLeast;
            }
            if (atLeast == null && atMost == null) {
                problem(p, "'count' needs 'equals', 'at-least' or 'at-most'");
                return null;
            }
            if (atLeast != null && atMost != null && atLeast > atMost) {
                problem(p, "'at-least' (" + atLeast + ") is above 'at-most' (" + atMost + ")");
                return null;
            }
            return new Expectation.EventCount(what, reason, driftKind, strategy, anchor(p, "after", faults, run),
                    anchor(p, "before", faults, run), atLeast, atMost);
        }

        /** {@code <prefix>}, {@code <prefix>-fault} or {@code <prefix>-fault-end}, resolved to a time; null if none. */
        private Anchor anchor(final String p, final String prefix, final List<FaultSpec> faults, final RunSpec run) {
            final List<String> given = new ArrayList<>();
            for (final String k : List.of(prefix, prefix + "-fault", prefix + "-fault-end")) {
                if (has(p + "/" + k)) {
                    given.add(k);
                }
            }
            if (given.isEmpty()) {
                return null;
            }
            if (given.size() > 1) {
                keyProblem(p + "/" + given.get(1), "use one of '" + String.join("', '", given) + "'");
                return null;
            }
            final String k = given.get(0);
            final String kp = p + "/" + k;
            if (k.equals(prefix)) {
                final Long t = time(kp, run.startNanos());
                if (t == null) {
                    return null;
                }
                if (t < run.startNanos() || t > run.endNanos()) {
                    problem(kp, "time " + TimeText.formatRunTime(t, run.startNanos()) + " is outside the run (it ends at "
                            + TimeText.formatRunTime(run.endNanos(), run.startNanos()) + ")");
                    return null;
                }
                return new Anchor(t, TimeText.formatRunTime(t, run.startNanos()));
            }
            final String id = text(kp, "");
            FaultSpec fault = null;
            for (final FaultSpec f : faults) {
                if (f.id().equals(id)) {
                    fault = f;
                }
            }
            final List<String> ids = new ArrayList<>();
            for (int i = 0; i < at("/faults").size(); i++) {
                ids.add(text("/faults/" + i + "/id", "fault-" + (i + 1)));
            }
            if (fault == null && ids.contains(id)) {
                return null; // the fault itself is invalid and already reported
            }
            if (fault == null) {
                problem(kp, "no fault with id '" + id + "' in 'faults'" + Suggest.didYouMean(id, ids,
                        ids.isEmpty() ? null : "; fault ids: "));
                return null;
            }
            if (k.endsWith("-end")) {
                if (!fault.fault().type().windowed()) {
                    problem(kp, "fault '" + id + "' (" + fault.fault().type() + ") is instant: it has no end");
                    return null;
                }
                return new Anchor(fault.fault().endNanos(), "the end of fault '" + id + "'");
            }
            return new Anchor(fault.fault().atNanos(), "the start of fault '" + id + "'");
        }
    }
}
