import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Usage: java -cp <jackson jars> JacksonOracle.java <profile>...  where each profile is one of
 * bytes, string, pretty (writeValueAsBytes, writeValueAsString as UTF-8, default pretty printer).
 * Prints results under the given output ids as bytes=<id>.
 */
public class JacksonOracle {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            byte[] body = Base64.getDecoder().decode(line.trim());
            // A fresh mapper per body: Jackson's field-name table outlives a document, and a name interned by an
            // earlier body can stand in for bytes a fresh parser refuses (seed 7233842270282 met "\xff2" read as
            // "2"). What a body encodes to must not depend on the bodies parsed before it.
            ObjectMapper reader = new ObjectMapper();
            ObjectNode result = mapper.createObjectNode();
            JsonNode tree = null;
            boolean parsed;
            String why = null;
            try {
                tree = reader.readTree(body);
                parsed = true;
            } catch (JacksonException e) {
                parsed = false;
                why = e.getOriginalMessage();
            }
            for (String spec : args) {
                String kind = spec.substring(0, spec.indexOf('='));
                String id = spec.substring(spec.indexOf('=') + 1);
                ObjectNode r = result.putObject(id);
                if (!parsed) {
                    r.put("err", "parse");
                    r.put("msg", why);
                    continue;
                }
                try {
                    byte[] encoded = switch (kind) {
                        case "bytes" -> mapper.writeValueAsBytes(tree);
                        case "string" -> mapper.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
                        case "pretty" -> mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
                        default -> throw new IllegalArgumentException(kind);
                    };
                    r.put("ok", Base64.getEncoder().encodeToString(encoded));
                } catch (JacksonException e) {
                    r.put("err", "encode");
                }
            }
            out.println(mapper.writeValueAsString(result));
        }
        out.flush();
    }
}
