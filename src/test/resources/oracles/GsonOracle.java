import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Usage: java -cp gson.jar GsonOracle.java. For each base64 body on stdin, one JSON line with the
 * gson and gson-map profiles' results: {"ok": base64 of the UTF-8 of the String Gson returns} or
 * {"err": "parse"|"encode"}. The body is the String a Java program holds: new String(bytes, UTF_8).
 */
public class GsonOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String text = new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8);
            out.println("{\"gson\":" + tree(text) + ",\"gson-map\":" + map(text) + "}");
        }
        out.flush();
    }

    private static String tree(String text) {
        Object value;
        try {
            value = JsonParser.parseString(text);
        } catch (RuntimeException | StackOverflowError e) {
            return "{\"err\":\"parse\"}";
        }
        return write(value);
    }

    private static String map(String text) {
        Object value;
        try {
            value = new Gson().fromJson(text, Object.class);
        } catch (RuntimeException | StackOverflowError e) {
            return "{\"err\":\"parse\"}";
        }
        return write(value);
    }

    private static String write(Object value) {
        try {
            String json = value instanceof com.google.gson.JsonElement e ? new Gson().toJson(e) : new Gson().toJson(value);
            return "{\"ok\":\"" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\"}";
        } catch (RuntimeException | StackOverflowError e) {
            return "{\"err\":\"encode\"}";
        }
    }
}
