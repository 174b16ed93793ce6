package dev.tandem.scenarios.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates a scenario tree against the committed JSON Schema ({@code schema/scenario.schema.json}, draft 2020-12)
 * and turns the validator's findings into sentences a person understands, placed at the key or value they are about
 * ("unknown key 'sede' in the top level; did you mean 'seed'?").
 */
public final class SchemaCheck {
    /** Where the schema lives on the classpath. */
    public static final String RESOURCE = "/schema/scenario.schema.json";

    private static final JsonNode SCHEMA_NODE = loadSchema();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_NODE, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH).build());

    private SchemaCheck() {}

    private static JsonNode loadSchema() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the scenario schema " + RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema as a tree. */
    public static JsonNode schema() {
        return SCHEMA_NODE;
    }

    /** Validates the tree; adds one problem per finding. */
    public static void check(final YamlTree tree, final String file, final List<Problem> problems) {
        final Set<String> seen = new LinkedHashSet<>();
        for (final ValidationMessage m : SCHEMA.validate(tree.root())) {
            final Problem p = translate(m, tree, file);
            // the same finding can come from two schema paths (a $ref reached twice); report it once
            if (seen.add(p.toString())) {
                problems.add(p);
            }
        }
    }

    private static Problem translate(final ValidationMessage m, final YamlTree tree, final String file) {
        final String at = pointer(m.getInstanceLocation());
        final JsonNode keywordParent = schemaNode(m.getSchemaLocation().getFragment(), 1);
        final String type = m.getType();
        switch (type) {
            case "additionalProperties": {
                final String key = m.getProperty();
                final String child = at + "/" + YamlTree.escape(key);
                final YamlTree.Loc l = tree.keyAt(child);
                final List<String> known = names(keywordParent == null ? null : keywordParent.get("properties"));
                return new Problem(file, l.line(), l.column(), "unknown key '" + key + "' in " + Paths.describe(at)
                        + Suggest.didYouMean(key, known, "; known keys: "));
            }
            case "required": {
                final YamlTree.Loc l = tree.keyAt(at);
                return new Problem(file, l.line(), l.column(), "missing key '" + m.getProperty() + "' in " + Paths.describe(at));
            }
            case "type": {
                final YamlTree.Loc l = tree.valueAt(at);
                final JsonNode expected = keywordParent == null ? null : keywordParent.get("type");
                return new Problem(file, l.line(), l.column(), name(at) + " must be " + typeWords(expected) + ", not "
                        + actualWords(tree.root().at(at)));
            }
            case "enum":
            case "const": {
                final YamlTree.Loc l = tree.valueAt(at);
                final JsonNode value = tree.root().at(at);
                final List<String> allowed = names(keywordParent == null ? null : keywordParent.get("enum"));
                final String text = value.isValueNode() ? value.asText() : value.toString();
                return new Problem(file, l.line(), l.column(), name(at) + " cannot be '" + text + "'"
                        + (allowed.isEmpty() ? "" : Suggest.didYouMean(text, allowed, "; it must be one of: ")));
            }
            case "pattern": {
                final YamlTree.Loc l = tree.valueAt(at);
                final JsonNode description = keywordParent == null ? null : keywordParent.get("description");
                return new Problem(file, l.line(), l.column(), name(at) + " is \"" + tree.root().at(at).asText()
                        + "\", which is not " + (description == null ? "in the expected form" : description.asText()));
            }
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum": {
                final YamlTree.Loc l = tree.valueAt(at);
                final JsonNode bound = keywordParent == null ? null : keywordParent.get(type);
                final String words = switch (type) {
                    case "minimum" -> "at least ";
                    case "maximum" -> "at most ";
                    case "exclusiveMinimum" -> "above ";
                    default -> "below ";
                };
                return new Problem(file, l.line(), l.column(), name(at) + " must be " + words
                        + (bound == null ? "the bound" : bound.asText()) + ", not " + tree.root().at(at).asText());
            }
            case "minItems": {
                final YamlTree.Loc l = tree.valueAt(at);
                return new Problem(file, l.line(), l.column(), name(at) + " must not be empty");
            }
            default: {
                final YamlTree.Loc l = tree.valueAt(at);
                return new Problem(file, l.line(), l.column(), Paths.describe(at) + ": " + m.getMessage());
            }
        }
    }

    /** {@code 'faults[0].at'} (or {@code the file} for the root). */
    private static String name(final String pointer) {
        return pointer.isEmpty() ? "the file" : "'" + Paths.dotted(pointer) + "'";
    }

    private static String pointer(final JsonNodePath path) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(YamlTree.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /** The schema node at a fragment, {@code up} levels above it (1 = the object holding the keyword). */
    private static JsonNode schemaNode(final JsonNodePath fragment, final int up) {
        if (fragment == null) {
            return null;
        }
        JsonNode n = SCHEMA_NODE;
        for (int i = 0; i < fragment.getNameCount() - up; i++) {
            final Object e = fragment.getElement(i);
            n = e instanceof Integer idx ? n.get(idx) : n.get(String.valueOf(e));
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static List<String> names(final JsonNode node) {
        final List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
        }
        return out;
    }

    private static String typeWords(final JsonNode type) {
        if (type == null) {
            return "of another type";
        }
        final List<String> words = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> words.add(typeWord(t.asText())));
        } else {
            words.add(typeWord(type.asText()));
        }
        return String.join(" or ", words);
    }

    private static String typeWord(final String t) {
        return switch (t) {
            case "object" -> "a map of keys";
            case "array" -> "a list";
            case "string" -> "a text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> t;
        };
    }

    private static String actualWords(final JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "empty";
        }
        if (v.isObject()) {
            return "a map of keys";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the text \"" + v.asText() + "\"";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return "the number " + v.asText();
    }
}
