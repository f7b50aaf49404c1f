package dev.casebook.web.tools;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ToolsResourceTest {

    @Test
    void servesTheWriterExactlyAsItIsInTheRepository() throws Exception {
        byte[] served = given().when().get("/v1/tools/pyheap.py")
                .then().statusCode(200).contentType("text/x-python")
                .extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/python/pyheap.py")), served);
    }
}
