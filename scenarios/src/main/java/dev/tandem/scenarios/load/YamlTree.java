package dev.tandem.scenarios.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a Jackson tree that remembers where every key and value was written, so that any
 * problem found later (by the JSON Schema or by the semantic checks) can name its line and column. Numbers keep their
 * exact decimal value (no binary floating point); duplicate keys are problems, not silently overwritten.
 */
public final class YamlTree {
    /** A position in the file (1-based). */
    public record Loc(int line, int column) {}

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Loc> values;
    private final Map<String, Loc> keys;

    private YamlTree(final JsonNode root, final Map<String, Loc> values, final Map<String, Loc> keys) {
        this.root = root;
        this.values = values;
        this.keys = keys;
    }

    /**
     * Parses YAML text. Malformed YAML and duplicate keys are added to {@code problems}; returns null if nothing usable
     * was read (malformed or empty).
     */
    public static YamlTree parse(final String text, final String file, final List<Problem> problems) {
        final Map<String, Loc> values = new HashMap<>();
        final Map<String, Loc> keys = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            final JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem(file, 0, 0, "the file is empty; a scenario needs at least 'seed', 'instruments' and "
                        + "'market-data'"));
                return null;
            }
            final JsonNode root = read(p, "", values, keys, file, problems);
            if (p.nextToken() != null) {
                final Loc l = loc(p.currentTokenLocation());
                problems.add(new Problem(file, l.line(), l.column(), "the file holds more than one YAML document; a scenario "
                        + "file holds exactly one"));
            }
            return new YamlTree(root, values, keys);
        } catch (JsonProcessingException e) {
            problems.add(yamlProblem(e, file));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private static JsonNode read(final JsonParser p, final String pointer, final Map<String, Loc> values,
                                 final Map<String, Loc> keys, final String file, final List<Problem> problems) throws IOException {
        final JsonToken t = p.currentToken();
        values.put(pointer, loc(p.currentTokenLocation()));
        switch (t) {
            case START_OBJECT: {
                final ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    final String name = p.currentName();
                    final Loc keyLoc = loc(p.currentTokenLocation());
                    final String child = pointer + "/" + escape(name);
                    p.nextToken();
                    final JsonNode value = read(p, child, values, keys, file, problems);
                    if (o.has(name)) {
                        problems.add(new Problem(file, keyLoc.line(), keyLoc.column(), "key '" + name + "' is written twice in "
                                + Paths.describe(pointer) + " (first at line " + keys.get(child).line() + ")"));
                        continue;
                    }
                    keys.put(child, keyLoc);
                    o.set(name, value);
                }
                return o;
            }
            case START_ARRAY: {
                final ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i, values, keys, file, problems));
                    i++;
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                // keep the decimal exactly as written (the factory would strip trailing zeros)
                return new DecimalNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                final Loc l = loc(p.currentTokenLocation());
                problems.add(new Problem(file, l.line(), l.column(), "unexpected YAML content (" + t + ")"));
                return NODES.nullNode();
        }
    }

    /** A malformed-YAML problem at the place the YAML parser says it found the problem. */
    private static Problem yamlProblem(final JsonProcessingException e, final String file) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            final StringBuilder sb = new StringBuilder("this is not valid YAML: ").append(m.getProblem());
            if (m.getContext() != null && m.getContextMark() != null) {
                sb.append(" (").append(m.getContext()).append(" that starts at line ").append(m.getContextMark().getLine() + 1)
                        .append(", column ").append(m.getContextMark().getColumn() + 1).append(')');
            }
            return new Problem(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1, sb.toString());
        }
        final JsonLocation l = e.getLocation();
        return new Problem(file, l == null ? 0 : Math.max(1, l.getLineNr()), l == null ? 0 : Math.max(1, l.getColumnNr()),
                "this is not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private static Loc loc(final JsonLocation l) {
        return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String firstLine(final String s) {
        if (s == null) {
            return "unknown error";
        }
        final int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Escapes a key for a JSON pointer. */
    public static String escape(final String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The document. */
    public JsonNode root() {
        return root;
    }

    /** Where the value at this JSON pointer starts (the nearest enclosing value if unknown). */
    public Loc valueAt(final String pointer) {
        String p = pointer;
        while (true) {
            final Loc l = values.get(p);
            if (l != null || p.isEmpty()) {
                return l == null ? new Loc(1, 1) : l;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Where the key of the member at this JSON pointer is written (its value's position for array items). */
    public Loc keyAt(final String pointer) {
        final Loc l = keys.get(pointer);
        return l != null ? l : valueAt(pointer);
    }

    /** Every pointer that has a value (for tests). */
    List<String> pointers() {
        return new ArrayList<>(values.keySet());
    }
}
