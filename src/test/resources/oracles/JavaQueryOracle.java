import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.HttpUrl;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Usage: java -cp okhttp.jar:okio.jar:kotlin-stdlib.jar:spring-web.jar:spring-core.jar:spring-jcl.jar
 * JavaQueryOracle.java. For each base64 line (a JSON array of [name, value] string pairs, as Jackson
 * writes them), one line {"okhttp": query, "spring-uri": query}: OkHttp's
 * HttpUrl.Builder.addQueryParameter for each pair, then encodedQuery(); Spring's
 * UriComponentsBuilder.queryParam for each pair, then encode().build().getQuery(); "" for none.
 */
public class JavaQueryOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[][] pairs = pairs(new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8));
            HttpUrl.Builder url = new HttpUrl.Builder().scheme("http").host("example.com");
            for (String[] p : pairs) {
                url.addQueryParameter(p[0], p[1]);
            }
            String query = url.build().encodedQuery();
            UriComponentsBuilder spring = UriComponentsBuilder.newInstance();
            for (String[] p : pairs) {
                spring.queryParam(p[0], p[1]);
            }
            String springQuery = spring.encode().build().getQuery();
            out.append("{\"okhttp\":").append(jsonString(query == null ? "" : query))
                    .append(",\"spring-uri\":").append(jsonString(springQuery == null ? "" : springQuery)).append("}\n");
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }

    /** The pairs of a JSON array of two-string arrays: a small reader, as the oracle has no JSON library. */
    private static String[][] pairs(String json) {
        java.util.List<String> strings = new java.util.ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) != '"') {
                continue;
            }
            StringBuilder s = new StringBuilder();
            for (i++; json.charAt(i) != '"'; i++) {
                char c = json.charAt(i);
                if (c == '\\') {
                    char e = json.charAt(++i);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 't' -> s.append('\t');
                        case 'r' -> s.append('\r');
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case 'u' -> {
                            s.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> s.append(e);
                    }
                } else {
                    s.append(c);
                }
            }
            strings.add(s.toString());
        }
        String[][] pairs = new String[strings.size() / 2][];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = new String[] {strings.get(2 * k), strings.get(2 * k + 1)};
        }
        return pairs;
    }

    /** A JSON string of any text: control and non-ASCII characters escaped, whatever an encoder left raw. */
    private static String jsonString(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
