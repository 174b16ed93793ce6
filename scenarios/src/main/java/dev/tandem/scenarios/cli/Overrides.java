package dev.tandem.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.model.StrategyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values set on the command line over a scenario file's keys ({@code --param strategy.params.fast=12},
 * {@code --seed 7}). A name is the path of a key in the file: map keys separated by dots, list elements by index
 * ({@code strategies[1].params.qty} or {@code strategies.1.params.qty}). The value replaces (or adds) that key in the
 * YAML tree and the changed file is checked by the same loader as any file, so a wrong name or value is reported like
 * a mistake in the file (an unknown key, a value of the wrong type), prefixed with the override that caused it.
 *
 * <p>Values are typed as YAML would type them: whole numbers and decimals become numbers ({@code 12}, {@code 0.05}),
 * {@code true}/{@code false} booleans, everything else text ({@code 5s}, {@code "0.010"}, {@code 5%}).
 */
final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** One {@code name=value}. */
    record Setting(String name, String value) {
        /** Parses {@code name=value}. */
        static Setting parse(final String text) {
            final int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + text + "' is not name=value (e.g. strategy.params.fast=12)");
            }
            return new Setting(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    private Overrides() {}

    /**
     * Loads a scenario file with these overrides applied. Without overrides the file is loaded as it is (so problems
     * keep their lines and columns); with overrides, the file is first checked as written, then the changed text.
     *
     * @throws ScenarioException with every problem; problems caused by an override name it
     */
    static Scenario load(final ScenarioLoader loader, final Path file, final List<Setting> overrides) throws ScenarioException {
        if (overrides.isEmpty()) {
            return loader.load(file);
        }
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(List.of(new Problem(file.toString(), 0, 0, "no such file")));
        } catch (IOException | UncheckedIOException e) {
            throw new ScenarioException(List.of(new Problem(file.toString(), 0, 0, "cannot read the file: " + e.getMessage())));
        }
        loader.parse(text, file); // the file as written must be valid: its problems keep their real positions
        final String changed;
        try {
            changed = apply(text, overrides);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(List.of(new Problem(file.toString(), 0, 0, e.getMessage())));
        }
        try {
            return loader.parse(changed, file);
        } catch (ScenarioException e) {
            final List<Problem> located = new ArrayList<>();
            for (final Problem p : e.problems()) {
                // lines of the re-written text mean nothing to the reader: name the overrides instead
                located.add(new Problem(file + " with " + describe(overrides), 0, 0, p.message()));
            }
            throw new ScenarioException(located);
        }
    }

    /** The overrides as {@code a=1, b=2}. */
    static String describe(final List<Setting> overrides) {
        final StringBuilder sb = new StringBuilder();
        for (final Setting o : overrides) {
            sb.append(sb.length() == 0 ? "" : ", ").append(o);
        }
        return sb.toString();
    }

    /**
     * The scenario text with the overrides applied, as YAML (comments and formatting of the original are not kept).
     *
     * @throws IllegalArgumentException if a name does not address a key (a step through a value that is not a map
     *                                  or a list, an index out of range) or the text is not a YAML map
     */
    static String apply(final String yamlText, final List<Setting> overrides) {
        final JsonNode root;
        try {
            root = YAML.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the file is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode)) {
            throw new IllegalArgumentException("the file is not a map of keys");
        }
        for (final Setting o : overrides) {
            set((ObjectNode) root, o);
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the changed scenario", e);
        }
    }

    private static void set(final ObjectNode root, final Setting o) {
        final List<Object> steps = steps(o.name());
        JsonNode node = root;
        final StringBuilder at = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            final Object step = steps.get(i);
            final boolean last = i == steps.size() - 1;
            final Object next = last ? null : steps.get(i + 1);
            if (step instanceof String key) {
                if (!(node instanceof ObjectNode map)) {
                    throw new IllegalArgumentException("--param " + o + ": '" + at + "' is not a map of keys, so it has no key '" + key + "'");
                }
                if (last) {
                    map.set(key, value(o.value()));
                    return;
                }
                JsonNode child = map.get(key);
                if (child == null || child.isNull()) {
                    if (next instanceof Integer) {
                        throw new IllegalArgumentException("--param " + o + ": there is no list '" + key + "' to index");
                    }
                    child = map.putObject(key);
                }
                node = child;
                at.append(at.length() == 0 ? "" : ".").append(key);
            } else {
                final int index = (Integer) step;
                if (!(node instanceof ArrayNode list)) {
                    throw new IllegalArgumentException("--param " + o + ": '" + at + "' is not a list, so it has no element [" + index + "]");
                }
                if (index >= list.size()) {
                    throw new IllegalArgumentException("--param " + o + ": '" + at + "' has " + list.size() + " element(s), no [" + index + "]");
                }
                if (last) {
                    list.set(index, value(o.value()));
                    return;
                }
                node = list.get(index);
                at.append('[').append(index).append(']');
            }
        }
    }

    /** The path's steps: keys (String) and list indexes (Integer). */
    static List<Object> steps(final String name) {
        final List<Object> steps = new ArrayList<>();
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a key path (e.g. strategy.params.fast or strategies[0].params.qty)");
        }
        for (final String part : name.split("\\.")) {
            final Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a key path (e.g. strategy.params.fast or strategies[0].params.qty)");
            }
            if (INTEGER.matcher(m.group(1)).matches() && !steps.isEmpty()) {
                steps.add(Integer.parseInt(m.group(1)));
            } else {
                steps.add(m.group(1));
            }
            final Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                steps.add(Integer.parseInt(idx.group(1)));
            }
        }
        return steps;
    }

    /** A value typed as YAML types a plain scalar (numbers, booleans, text). */
    static JsonNode value(final String text) {
        if (INTEGER.matcher(text).matches()) {
            return JsonNodeFactory.instance.numberNode(new BigInteger(text));
        }
        if (DECIMAL.matcher(text).matches()) {
            return DecimalNode.valueOf(new BigDecimal(text));
        }
        if (text.equals("true") || text.equals("false")) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        return TextNode.valueOf(text);
    }

    /**
     * The parameters of a run as provenance shows them: every strategy parameter under the name that would set it
     * ({@code strategy.params.fast} for a file with one {@code strategy:}, {@code strategies[i].params.fast} for a
     * list), then the overrides under their own names (the same names when they set a strategy parameter), and
     * {@code seed}.
     */
    static SortedMap<String, String> parameters(final Scenario s, final boolean singleStrategyKey, final List<Setting> overrides) {
        final TreeMap<String, String> p = new TreeMap<>();
        for (int i = 0; i < s.strategies().size(); i++) {
            final StrategyConfig sc = s.strategies().get(i);
            final String prefix = singleStrategyKey ? "strategy.params." : "strategies[" + i + "].params.";
            for (final Map.Entry<String, String> e : sc.params().entrySet()) {
                p.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (final Setting o : overrides) {
            p.put(o.name(), o.value());
        }
        p.put("seed", Long.toString(s.seed()));
        return p;
    }

    /** True when the file names its strategy with the {@code strategy:} key (not a {@code strategies:} list). */
    static boolean usesSingleStrategyKey(final Path file) {
        try {
            final JsonNode root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return root != null && root.has("strategy");
        } catch (IOException e) {
            return true;
        }
    }
}
