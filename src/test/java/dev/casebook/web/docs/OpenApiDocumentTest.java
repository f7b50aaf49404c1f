package dev.casebook.web.docs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed openapi/openapi.yaml is what the service serves: a change to an endpoint that
 * was not regenerated (./mvnw package) and committed fails here.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedDocumentIsWhatTheServiceServes() throws Exception {
        Path committed = Path.of("openapi", "openapi.yaml");
        assertTrue(Files.exists(committed), "openapi/openapi.yaml is committed");
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode expected = YAML.readTree(Files.readString(committed));
        JsonNode actual = YAML.readTree(served);
        String difference = firstDifference("", expected, actual);
        assertTrue(difference == null, "openapi/openapi.yaml is stale (run ./mvnw package and commit openapi/): " + difference);
    }

    /** The JSON pointer of the first place where two documents differ, or null. */
    static String firstDifference(String at, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!a.has(n) || !b.has(n)) {
                    return at + "/" + n + (a.has(n) ? " is only in the committed file" : " is only in the served document");
                }
                String d = firstDifference(at + "/" + n, a.get(n), b.get(n));
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(at + "/" + i, a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
        }
        return at + ": committed " + abbreviate(a) + ", served " + abbreviate(b);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Test
    void everyErrorResponseIsAProblem() throws Exception {
        JsonNode doc = YAML.readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().get("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (Integer.parseInt(r.getKey()) >= 400) {
                        JsonNode schema = r.getValue().at("/content/application~1problem+json/schema/$ref");
                        assertEquals("#/components/schemas/Problem", schema.asText(),
                                op.getKey() + " " + path.getKey() + " " + r.getKey() + " must answer with the Problem schema");
                        checked++;
                    } else {
                        JsonNode content = r.getValue().get("content");
                        if (content != null) {
                            content.fields().forEachRemaining(c -> assertTrue(c.getValue().has("schema"),
                                    op.getKey() + " " + path.getKey() + " " + r.getKey() + " has a schema"));
                        }
                    }
                }
                if (op.getValue().has("requestBody")) {
                    assertTrue(op.getValue().at("/requestBody/content").findValue("examples") != null,
                            op.getKey() + " " + path.getKey() + " has a request example");
                }
            }
        }
        assertTrue(checked >= 10, "error responses were checked: " + checked);
    }
}
