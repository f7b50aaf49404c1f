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
        assertEquals(actual, expected, "openapi/openapi.yaml is stale: run ./mvnw package and commit openapi/");
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
