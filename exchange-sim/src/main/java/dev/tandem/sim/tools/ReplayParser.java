package dev.tandem.sim.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.OrderBook;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Parses one line of a book replay command file, strictly: every field must be known for its op, integers must be
 * JSON integers that fit a long, enum values are upper case. See the module README for the format.
 */
final class ReplayParser {
    private static final List<String> PLACE_FIELDS = Arrays.asList("op", "id", "account", "side", "type", "tif", "price", "qty");
    private static final List<String> CANCEL_FIELDS = Arrays.asList("op", "id", "account");
    private static final List<String> AMEND_FIELDS = Arrays.asList("op", "id", "account", "price", "qty");

    private final ObjectMapper mapper;

    ReplayParser() {
        final JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param line the line's text (not blank)
     * @param cmd  its 0-based line index
     * @return the command
     * @throws ReplayInputException saying what is wrong with the line
     */
    ReplayCommand parse(final String line, final int cmd) throws ReplayInputException {
        final JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            final String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            final String what = e.getOriginalMessage().startsWith("Trailing token")
                    ? "more text after the JSON object (one command per line)" : e.getOriginalMessage();
            throw new ReplayInputException("not valid JSON" + where + ": " + what);
        }
        if (node == null || !node.isObject()) {
            throw new ReplayInputException("expected a JSON object, got " + describe(node));
        }
        final String op = text(node, "op");
        switch (op) {
            case "place":
                return place(node, cmd);
            case "cancel":
                checkFields(node, op, CANCEL_FIELDS);
                return new ReplayCommand.Cancel(cmd, integer(node, "id"), integer(node, "account"));
            case "amend":
                return amend(node, cmd);
            default:
                throw new ReplayInputException("unknown op \"" + op + "\" (expected place, cancel or amend)");
        }
    }

    private ReplayCommand place(final JsonNode node, final int cmd) throws ReplayInputException {
        checkFields(node, "place", PLACE_FIELDS);
        final long id = integer(node, "id");
        final long account = integer(node, "account");
        final Side side = enumValue(node, "side", Side.class);
        final OrderType type = orderType(node);
        final TimeInForce tif;
        if (node.has("tif")) {
            tif = enumValue(node, "tif", TimeInForce.class);
        } else {
            tif = type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
        }
        final long price;
        if (type == OrderType.LIMIT) {
            price = integer(node, "price");
        } else {
            if (node.has("price")) {
                throw new ReplayInputException("a MARKET order takes no \"price\"");
            }
            price = 0;
        }
        return new ReplayCommand.Place(cmd, id, account, side, type, tif, price, integer(node, "qty"));
    }

    private ReplayCommand amend(final JsonNode node, final int cmd) throws ReplayInputException {
        checkFields(node, "amend", AMEND_FIELDS);
        if (!node.has("price") && !node.has("qty")) {
            throw new ReplayInputException("an amend needs \"price\", \"qty\" (the new total quantity) or both");
        }
        final long price = node.has("price") ? integer(node, "price") : OrderBook.KEEP;
        final long qty = node.has("qty") ? integer(node, "qty") : OrderBook.KEEP;
        return new ReplayCommand.Amend(cmd, integer(node, "id"), integer(node, "account"), price, qty);
    }

    private static void checkFields(final JsonNode node, final String op, final List<String> allowed)
            throws ReplayInputException {
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw new ReplayInputException("unknown field \"" + name + "\" for op \"" + op + "\" (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static JsonNode required(final JsonNode node, final String field) throws ReplayInputException {
        final JsonNode value = node.get(field);
        if (value == null) {
            throw new ReplayInputException("missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(final JsonNode node, final String field) throws ReplayInputException {
        final JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new ReplayInputException("field \"" + field + "\" must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    private static long integer(final JsonNode node, final String field) throws ReplayInputException {
        final JsonNode value = required(node, field);
        if (!value.isIntegralNumber()) {
            throw new ReplayInputException("field \"" + field + "\" must be an integer, got " + describe(value));
        }
        if (!value.canConvertToLong()) {
            throw new ReplayInputException("field \"" + field + "\" is out of range for a 64-bit integer: " + value);
        }
        final long v = value.longValue();
        if (v == OrderBook.KEEP) {
            throw new ReplayInputException("field \"" + field + "\" is out of range: " + v);
        }
        return v;
    }

    private static OrderType orderType(final JsonNode node) throws ReplayInputException {
        final String text = text(node, "type");
        if ("LIMIT".equals(text)) {
            return OrderType.LIMIT;
        }
        if ("MARKET".equals(text)) {
            return OrderType.MARKET;
        }
        throw new ReplayInputException("field \"type\" must be one of LIMIT | MARKET, got \"" + text + "\"");
    }

    private static <E extends Enum<E>> E enumValue(final JsonNode node, final String field, final Class<E> type)
            throws ReplayInputException {
        final String text = text(node, field);
        final E[] values = type.getEnumConstants();
        for (final E e : values) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        final StringBuilder names = new StringBuilder();
        for (final E e : values) {
            names.append(names.length() == 0 ? "" : " | ").append(e.name());
        }
        throw new ReplayInputException("field \"" + field + "\" must be one of " + names + ", got \"" + text + "\"");
    }

    private static String describe(final JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "\"" + value.textValue() + "\"";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString();
    }
}
