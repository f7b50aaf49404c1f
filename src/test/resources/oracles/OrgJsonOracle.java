import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Usage: java -cp <org.json's jar, or Android's copy> OrgJsonOracle.java <profile id>. For each
 * base64 body on stdin, one JSON line {"<id>": {"ok": base64} | {"err": "parse"|"encode"}}.
 *
 * <p>{@code new JSONObject(text)} and {@code new JSONArray(text)} are both "read one value with a
 * JSONTokener, then insist on its kind", so the oracle reads the value once and takes whichever
 * of the two it is; anything else is what both constructors refuse. toString() answers null where
 * the library cannot write the value.
 */
public class OrgJsonOracle {
    public static void main(String[] args) throws Exception {
        String id = args[0];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String text = new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8);
            out.println("{\"" + id + "\":" + result(text) + "}");
        }
        out.flush();
    }

    private static String result(String text) {
        Object value;
        try {
            value = new JSONTokener(text).nextValue();
        } catch (Exception | StackOverflowError e) {
            return "{\"err\":\"parse\"}";
        }
        if (!(value instanceof JSONObject || value instanceof JSONArray)) {
            return "{\"err\":\"parse\"}";
        }
        String json;
        try {
            json = value.toString();
        } catch (RuntimeException | StackOverflowError e) {
            return "{\"err\":\"encode\"}";
        }
        if (json == null) {
            return "{\"err\":\"encode\"}";
        }
        return "{\"ok\":\"" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }
}
