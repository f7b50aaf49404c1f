package dev.casebook.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a JSON document the way a wrong client does: one or two values replaced by a value of
 * another type or an extreme one (null, a huge string, 1e400, a deep array, an object for a string),
 * or a member dropped or added. The text stays well-formed JSON, so the request gets past the parser
 * to the binder and the core, where bytes-level damage rarely reaches.
 */
public final class JsonRetyper {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final JsonNode seed;
    private final Random random;

    public JsonRetyper(String seedJson, long seed) {
        try {
            this.seed = MAPPER.readTree(seedJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.random = new Random(seed);
    }

    private record Slot(JsonNode parent, String field, int index) {
    }

    public Mutator.Mutant next() {
        JsonNode doc = seed.deepCopy();
        StringBuilder how = new StringBuilder();
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            List<Slot> slots = new ArrayList<>();
            collect(doc, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            JsonNode value = extreme();
            if (slot.parent() instanceof ObjectNode o) {
                if (random.nextInt(6) == 0) {
                    o.remove(slot.field());
                    how.append("drop ").append(slot.field()).append("; ");
                } else {
                    o.set(slot.field(), value);
                    how.append(slot.field()).append('=').append(abbreviate(value)).append("; ");
                }
            } else if (slot.parent() instanceof ArrayNode a) {
                a.set(slot.index(), value);
                how.append('[').append(slot.index()).append("]=").append(abbreviate(value)).append("; ");
            }
        }
        try {
            return new Mutator.Mutant(MAPPER.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8), how.toString().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(f -> {
                slots.add(new Slot(o, f, -1));
                collect(o.get(f), slots);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    private JsonNode extreme() {
        switch (random.nextInt(14)) {
            case 0: return F.nullNode();
            case 1: return F.booleanNode(random.nextBoolean());
            case 2: return F.numberNode(random.nextInt());
            case 3: return F.numberNode(new BigInteger("123456789012345678901234567890123456789"));
            case 4: return F.numberNode(-0.0);
            case 5: return F.textNode("");
            case 6: return F.textNode("x".repeat(1 + random.nextInt(200_000)));
            case 7: return F.textNode("\u0000\ud800\uffff é {customerId}");
            case 8: return F.arrayNode();
            case 9: return F.objectNode();
            case 10: {
                ArrayNode deep = F.arrayNode();
                ArrayNode inner = deep;
                for (int i = 0; i < 1 + random.nextInt(20_000); i++) {
                    inner = inner.addArray();
                }
                return deep;
            }
            case 11: return F.arrayNode().add("a").add(F.arrayNode().add("b")).add(F.objectNode().put("c", 1));
            case 12: return F.objectNode().put("x", "y").putNull("z");
            default: return F.numberNode(Double.MAX_VALUE);
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 24 ? text.substring(0, 24) + "…(" + text.length() + ")" : text;
    }
}
