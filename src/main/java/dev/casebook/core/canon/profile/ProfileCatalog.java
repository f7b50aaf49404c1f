package dev.casebook.core.canon.profile;

import dev.casebook.core.canon.diagnose.Cause;
import dev.casebook.core.canon.encode.EncodingRules;
import dev.casebook.core.canon.encode.EncodingRules.Containers;
import dev.casebook.core.canon.encode.EncodingRules.Duplicates;
import dev.casebook.core.canon.encode.EncodingRules.NullMembers;
import dev.casebook.core.canon.encode.EncodingRules.Root;
import dev.casebook.core.canon.encode.KeyOrder;
import dev.casebook.core.canon.encode.Layout;
import dev.casebook.core.canon.encode.StringStyle;
import dev.casebook.core.canon.encode.StringStyle.LoneSurrogate;
import dev.casebook.core.canon.encode.StringStyle.NonAscii;
import dev.casebook.core.canon.encode.number.AndroidNumbers;
import dev.casebook.core.canon.encode.number.CppNumbers;
import dev.casebook.core.canon.encode.number.EcmaScriptNumbers;
import dev.casebook.core.canon.encode.number.GoNumbers;
import dev.casebook.core.canon.encode.number.JavaDoubleNumbers;
import dev.casebook.core.canon.encode.number.JavaNumbers;
import dev.casebook.core.canon.encode.number.LexemeNumbers;
import dev.casebook.core.canon.encode.number.NewtonsoftNumbers;
import dev.casebook.core.canon.encode.number.OjNumbers;
import dev.casebook.core.canon.encode.number.NumberStyle;
import dev.casebook.core.canon.encode.number.OrgJsonNumbers;
import dev.casebook.core.canon.encode.number.PhpNumbers;
import dev.casebook.core.canon.encode.number.PythonNumbers;
import dev.casebook.core.canon.encode.number.RubyNumbers;
import dev.casebook.core.canon.encode.number.RustNumbers;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.ParseRules.SurrogateEscapes;
import dev.casebook.core.canon.json.Utf8Policy;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The encoder profiles (docs/encoders.md), each written out explicitly from what the real
 * encoders were measured to do. The ids are a contract with bots and the dashboard.
 *
 * <p>Versions followed: CPython 3.11, Node 20, Jackson 2.x, Go 1.22+ ({@code \b} and {@code \f};
 * Go 1.19-1.21 wrote {@code \}{@code u0008} and {@code \}{@code u000c}), PHP 8.2, Ruby 3.1 with json 2.6, Oj 3.14,
 * Gson 2.15, org.json 20260814, Android's org.json, fast-json-stable-stringify 2.1.0, Symfony HttpClient's
 * json_encode flags, ActiveSupport 6.1, serde_json 1.0 and nlohmann::json 3.11, System.Text.Json (.NET 8, from its source).
 */
public final class ProfileCatalog {

    private final Map<String, EncoderProfile> profiles = new LinkedHashMap<>();

    public ProfileCatalog() {
        add(new EncoderProfile("raw", Language.NONE,
                "the body bytes exactly as given (what Stripe, GitHub, Slack and Shopify sign)",
                "sign the raw request bytes", null, null));
        python();
        javascript();
        java();
        javaLibraries();
        go();
        php();
        ruby();
        rust();
        cpp();
        dotnet();
        fixes();
    }

    /**
     * Per profile, the change in its language that stops it writing what a cause names (spaces, indentation, escapes,
     * a newline): the advice a diagnosis gives whichever side writes those extra bytes. Kept here, beside the
     * profiles, so that a new profile's advice is written with it.
     */
    private void fixes() {
        String compact = "json.dumps(body, separators=(\",\", \":\"))";
        fix("python-json", Cause.SEPARATOR_WHITESPACE, compact);
        fix("python-json-sorted", Cause.SEPARATOR_WHITESPACE, "json.dumps(body, separators=(\",\", \":\"), sort_keys=True)");
        fix("python-json-unicode", Cause.SEPARATOR_WHITESPACE, "json.dumps(body, ensure_ascii=False, separators=(\",\", \":\"))");
        fix("python-json-indent2", Cause.INDENTATION, compact);
        for (String id : new String[] {"python-json", "python-json-compact", "python-json-sorted", "python-json-compact-sorted",
                "python-json-indent2"}) {
            String unescaped = find(id).orElseThrow().snippet().replace("json.dumps(body", "json.dumps(body, ensure_ascii=False");
            fix(id, Cause.NON_ASCII_ESCAPING, unescaped);
            fix(id, Cause.CONTROL_CHARACTER_ESCAPING, unescaped); // DEL, which ensure_ascii escapes
        }
        fix("javascript-json-indent2", Cause.INDENTATION, "JSON.stringify(body)");
        fix("jackson-pretty", Cause.INDENTATION, "new ObjectMapper().writeValueAsBytes(body) (no pretty printer)");
        fix("jackson-pretty", Cause.SEPARATOR_WHITESPACE, "new ObjectMapper().writeValueAsBytes(body) (no pretty printer)");
        fix("jackson", Cause.NON_ASCII_ESCAPING, "new ObjectMapper().writeValueAsString(body), sent as UTF-8 (the String path "
                + "writes characters outside the BMP as they are)");
        fix("gson", Cause.HTML_ESCAPING, "new GsonBuilder().disableHtmlEscaping().create().toJson(JsonParser.parseString(body))");
        fix("gson-map", Cause.HTML_ESCAPING, "new GsonBuilder().disableHtmlEscaping().create().toJson(map)");
        String goUnescaped = "a json.Encoder with enc.SetEscapeHTML(false), without the newline Encode adds";
        fix("go-json", Cause.HTML_ESCAPING, goUnescaped);
        fix("go-json-encoder", Cause.HTML_ESCAPING, goUnescaped);
        fix("go-json-encoder", Cause.TRAILING_NEWLINE, "json.Marshal(body), or the Encoder's bytes without their last newline");
        fix("go-json-indent", Cause.INDENTATION, "json.Marshal(body)");
        for (String id : new String[] {"php-json", "php-json-pretty"}) {
            fix(id, Cause.SLASH_ESCAPING, "json_encode($body, JSON_UNESCAPED_SLASHES)");
            fix(id, Cause.NON_ASCII_ESCAPING, "json_encode($body, JSON_UNESCAPED_UNICODE)");
        }
        fix("php-json-assoc", Cause.SLASH_ESCAPING, "json_encode(json_decode($body, true), JSON_UNESCAPED_SLASHES)");
        fix("php-json-assoc", Cause.NON_ASCII_ESCAPING, "json_encode(json_decode($body, true), JSON_UNESCAPED_UNICODE)");
        fix("php-json-pretty", Cause.INDENTATION, "json_encode($body)");
        String symfony = "send ['body' => json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), 'headers' => "
                + "['Content-Type' => 'application/json']] instead of the 'json' option, whose flags are fixed";
        fix("php-symfony-json", Cause.HTML_ESCAPING, symfony);
        fix("php-symfony-json", Cause.SLASH_ESCAPING, symfony);
        fix("php-symfony-json", Cause.NON_ASCII_ESCAPING, symfony);
        fix("rails-json", Cause.HTML_ESCAPING, "ActiveSupport.escape_html_entities_in_json = false (or JSON.generate(body))");
        fix("ruby-json-pretty", Cause.INDENTATION, "JSON.generate(body)");
        String relaxed = "JsonNode.Parse(body).ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })";
        fix("system-text-json", Cause.HTML_ESCAPING, relaxed);
        fix("system-text-json", Cause.NON_ASCII_ESCAPING, relaxed);
    }

    private void fix(String id, Cause cause, String fix) {
        add(find(id).orElseThrow(() -> new IllegalStateException("no profile " + id)).withFix(cause, fix));
    }

    public Collection<EncoderProfile> all() {
        return Collections.unmodifiableCollection(profiles.values());
    }

    public Optional<EncoderProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    private void add(EncoderProfile p) {
        profiles.put(p.id(), p);
    }

    // CPython: json.loads on bytes (utf-8-sig, surrogatepass), then json.dumps.
    private void python() {
        // The C scanner recurses once per level against the recursion limit (1000) less the
        // caller's own frames: 995 from a top-level call.
        ParseRules parse = new ParseRules(Utf8Policy.SURROGATE_PASS, true, false, true, false, false,
                SurrogateEscapes.KEEP, false, false, 995, 0);
        NumberStyle numbers = new PythonNumbers();
        StringStyle ascii = StringStyle.standard().escapeDel().nonAscii(NonAscii.ESCAPE_LOWER).build();
        String surrogates = "UnicodeEncodeError: 'utf-8' codec can't encode character '\\u%04x': surrogates not allowed";
        StringStyle unicode = StringStyle.standard().failOnLoneSurrogate(surrogates)
                .failOnIrregularSource("UnicodeEncodeError: 'utf-8' codec can't encode surrogate characters: surrogates not allowed")
                .build();
        Layout spaced = Layout.singleLine(", ", ": ");
        Layout compact = Layout.singleLine(",", ":");
        python("python-json", "json.dumps(body)", "json.dumps(v): \", \" and \": \", non-ASCII as \\uXXXX, float repr",
                parse, numbers, ascii, KeyOrder.INSERTION, spaced);
        python("python-json-compact", "json.dumps(body, separators=(\",\", \":\"))", "json.dumps with compact separators",
                parse, numbers, ascii, KeyOrder.INSERTION, compact);
        python("python-json-sorted", "json.dumps(body, sort_keys=True)", "json.dumps with sort_keys=True",
                parse, numbers, ascii, KeyOrder.CODE_POINT, spaced);
        python("python-json-compact-sorted", "json.dumps(body, separators=(\",\", \":\"), sort_keys=True)",
                "json.dumps with compact separators and sort_keys=True", parse, numbers, ascii, KeyOrder.CODE_POINT, compact);
        python("python-json-unicode", "json.dumps(body, ensure_ascii=False)", "json.dumps with ensure_ascii=False (UTF-8 output)",
                parse, numbers, unicode, KeyOrder.INSERTION, spaced);
        python("python-json-unicode-compact", "json.dumps(body, ensure_ascii=False, separators=(\",\", \":\"))",
                "ensure_ascii=False with compact separators (what httpx >= 0.28 sends)", parse, numbers, unicode, KeyOrder.INSERTION, compact);
        python("python-json-indent2", "json.dumps(body, indent=2)", "json.dumps with indent=2",
                parse, numbers, ascii, KeyOrder.INSERTION, Layout.indented("  "));
    }

    private void python(String id, String snippet, String description, ParseRules parse, NumberStyle numbers,
                        StringStyle strings, KeyOrder order, Layout layout) {
        add(new EncoderProfile(id, Language.PYTHON, description, snippet, parse,
                new EncodingRules(numbers, strings, order, Duplicates.LAST_VALUE_AT_FIRST_POSITION, Containers.PLAIN,
                        layout, 0, false)));
    }

    // Node: new TextDecoder().decode(bytes) (BOM dropped, ill-formed bytes replaced), JSON.parse, JSON.stringify.
    private void javascript() {
        ParseRules parse = new ParseRules(Utf8Policy.REPLACE_MAXIMAL_SUBPART, true, false, false, false, false,
                SurrogateEscapes.KEEP, false, false, Integer.MAX_VALUE, 0); // V8's JSON.parse does not recurse
        StringStyle strings = StringStyle.standard().build();
        NumberStyle numbers = new EcmaScriptNumbers(EcmaScriptNumbers.NonFinite.NULL);
        // JSON.stringify recurses on the native stack; Node 20's default stack gives out between
        // 1000 and 10000 levels: 4175 measured with `node -e` on Node 20.
        int stack = JAVASCRIPT_STRINGIFY_DEPTH;
        add(new EncoderProfile("javascript-json", Language.JAVASCRIPT,
                "JSON.stringify(JSON.parse(text)): doubles, array-index keys first, minimal escaping",
                "JSON.stringify(body)", parse,
                new EncodingRules(numbers, strings, KeyOrder.ARRAY_INDEX_FIRST, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, Layout.singleLine(",", ":"), stack, false)));
        add(new EncoderProfile("javascript-json-indent2", Language.JAVASCRIPT, "JSON.stringify(v, null, 2)",
                "JSON.stringify(body, null, 2)", parse,
                new EncodingRules(numbers, strings, KeyOrder.ARRAY_INDEX_FIRST, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, Layout.indented("  "), stack, false)));
        add(new EncoderProfile("js-stable-stringify", Language.JAVASCRIPT,
                "fast-json-stable-stringify 2.1.0: keys sorted by UTF-16 code units like JCS, but lone surrogates kept and "
                        + "duplicates accepted; non-finite numbers as null",
                "require('fast-json-stable-stringify')(body)", parse,
                new EncodingRules(numbers, strings, KeyOrder.UTF16, Duplicates.LAST_VALUE_AT_FIRST_POSITION, Containers.PLAIN,
                        Layout.singleLine(",", ":"), JS_STABLE_STRINGIFY_DEPTH, false)));
        StringStyle jcsStrings = StringStyle.standard().failOnLoneSurrogate("Error: Lone surrogate is not allowed (\\u%04x)").build();
        add(new EncoderProfile("jcs", Language.JAVASCRIPT,
                "RFC 8785 JSON Canonicalization Scheme: I-JSON input, keys sorted by UTF-16 code units, ECMAScript numbers",
                "canonicalize(body) (RFC 8785)", parse,
                new EncodingRules(new EcmaScriptNumbers(EcmaScriptNumbers.NonFinite.REJECT), jcsStrings, KeyOrder.UTF16,
                        Duplicates.REJECT, Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
    }

    /** See {@link #javascript()}: measured with Node 20 on this project's machines. */
    public static final int JAVASCRIPT_STRINGIFY_DEPTH = 4175;
    /**
     * fast-json-stable-stringify recurses in JavaScript: with `node -e` on Node 20 it wrote 6262 nested arrays and 6261
     * nested objects, and no more.
     */
    static final int JS_STABLE_STRINGIFY_DEPTH = 6261;

    // Jackson 2.x: ObjectMapper.readTree(bytes) then writeValueAsBytes / writeValueAsString.
    private void java() {
        ParseRules parse = new ParseRules(Utf8Policy.ACCEPT_OVERLONG_TWO_BYTE, true, true, false, false, false,
                SurrogateEscapes.KEEP, true, true, 1000, 1000);
        NumberStyle shortest = new JavaNumbers(JavaNumbers.Jdk.SHORTEST_JDK19_PLUS);
        StringStyle bytes = StringStyle.standard().upperCaseHex().nonAscii(NonAscii.RAW_BMP_ESCAPE_ASTRAL_UPPER)
                .loneSurrogate(LoneSurrogate.ESCAPE_UPPER).build();
        StringStyle string = StringStyle.standard().upperCaseHex().loneSurrogate(LoneSurrogate.QUESTION_MARK).build();
        Layout compact = Layout.singleLine(",", ":");
        java("jackson", "new ObjectMapper().writeValueAsBytes(body) on JDK 19+",
                "writeValueAsBytes(readTree(text)) on JDK 19+: upper-case \\u001F, astral characters as escaped pairs",
                parse, shortest, bytes, compact);
        java("jackson-jdk17", "new ObjectMapper().writeValueAsBytes(body) on JDK 17",
                "the same on JDK <= 18, whose Double.toString is not always shortest",
                parse, new JavaNumbers(JavaNumbers.Jdk.FLOATING_DECIMAL_JDK17), bytes, compact);
        java("jackson-string", "new ObjectMapper().writeValueAsString(body) on JDK 17",
                "writeValueAsString on JDK 17: astral characters raw, lone surrogates become '?' in UTF-8",
                parse, new JavaNumbers(JavaNumbers.Jdk.FLOATING_DECIMAL_JDK17), string, compact);
        java("jackson-pretty", "new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body)",
                "the default pretty printer: \"k\" : v, arrays inline", parse, shortest, bytes,
                new Layout(Layout.Shape.JACKSON_PRETTY, ", ", " : ", "  "));
    }

    private void java(String id, String snippet, String description, ParseRules parse, NumberStyle numbers,
                      StringStyle strings, Layout layout) {
        add(new EncoderProfile(id, Language.JAVA, description, snippet, parse,
                new EncodingRules(numbers, strings, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, layout, 0, false)));
    }

    // The JSON libraries of Java clients other than Jackson: Gson (2.15), org.json (20260814), Android's org.json.
    // Each reads with its own lenient reader and writes a String, which goes out as UTF-8: a lone surrogate becomes '?'.
    private void javaLibraries() {
        Layout compact = Layout.singleLine(",", ":");
        // JsonReader's default nesting limit (Gson 2.12+). org.json and Android recurse without a limit of their own, until
        // the thread's stack gives out (StackOverflowError, which org.json reports as a JSONException): measured with
        // nested arrays on JDK 17's default 1 MB thread stack, 2108 and 3124 levels. Another stack size moves the point.
        ParseRules gson = ParseRules.javaLibrary(ParseRules.Grammar.GSON_LENIENT, 255);
        StringStyle htmlSafe = StringStyle.standard().hexEscape("<>&='").escapeLineSeparators()
                .loneSurrogate(LoneSurrogate.QUESTION_MARK).build();
        add(new EncoderProfile("gson", Language.JAVA,
                "Gson tree: <>&=' as \\u003c.., U+2028/2029 escaped, numbers as typed, null members dropped, lenient parser",
                "new Gson().toJson(JsonParser.parseString(body))", gson,
                new EncodingRules(new LexemeNumbers(), htmlSafe, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, compact, 0, false, NullMembers.DROPPED, Root.ANY)));
        add(new EncoderProfile("gson-map", Language.JAVA,
                "Gson via Map/Object: every number a Java double (1.0, 100.0, 1.0E21; Double.toString of the JDK the service runs on, JDK "
                        + Runtime.version().feature() + ")",
                "new Gson().toJson(new Gson().fromJson(body, Object.class))", gson,
                new EncodingRules(new JavaDoubleNumbers(), htmlSafe, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, compact, 0, false, NullMembers.DROPPED, Root.ANY)));
        StringStyle orgJson = StringStyle.standard().escapeSlashAfterLessThan().escapeRange('\u0080', '\u009f')
                .escapeRange('\u2000', '\u20ff').loneSurrogate(LoneSurrogate.QUESTION_MARK).build();
        add(new EncoderProfile("org-json", Language.JAVA,
                "org.json JSONObject: HashMap key order, </ as <\\/, U+0080-009F and U+2000-20FF escaped, 1.0 -> 1, 1e21 -> 1E+21, "
                        + "duplicate names refused, only an object or array at the top",
                "new JSONObject(body).toString()", ParseRules.javaLibrary(ParseRules.Grammar.ORG_JSON, ORG_JSON_STACK_DEPTH),
                new EncodingRules(new OrgJsonNumbers(), orgJson, KeyOrder.JAVA_HASHMAP, Duplicates.REJECT, Containers.PLAIN,
                        compact, 0, false, NullMembers.WRITTEN, Root.OBJECT_OR_ARRAY)));
        StringStyle android = StringStyle.standard().escapeSlash().loneSurrogate(LoneSurrogate.QUESTION_MARK).build();
        add(new EncoderProfile("android-org-json", Language.JAVA,
                "Android's org.json: every / as \\/, whole doubles as integers, insertion order (Android's LinkedHashMap), "
                        + "only an object or array at the top",
                "new JSONObject(body).toString() on Android", ParseRules.javaLibrary(ParseRules.Grammar.ANDROID_ORG_JSON, ANDROID_JSON_STACK_DEPTH),
                new EncodingRules(new AndroidNumbers(), android, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, compact, 0, false, NullMembers.WRITTEN, Root.OBJECT_OR_ARRAY)));
    }

    /** See {@link #javaLibraries()}: measured on this project's machines. */
    static final int ORG_JSON_STACK_DEPTH = 2108;
    static final int ANDROID_JSON_STACK_DEPTH = 3124;

    // Go: json.Unmarshal into any, then json.Marshal / Encoder.Encode / MarshalIndent.
    private void go() {
        ParseRules parse = new ParseRules(Utf8Policy.REPLACE_PER_BYTE, false, false, false, false, false,
                SurrogateEscapes.REPLACE, false, false, 10000, 0);
        StringStyle strings = StringStyle.standard().escapeHtml().escapeLineSeparators().build();
        NumberStyle numbers = new GoNumbers();
        go("go-json", "json.Marshal(body)", "json.Marshal of any: float64 numbers, sorted keys, <>& and U+2028/2029 escaped",
                parse, strings, numbers, Layout.singleLine(",", ":"), false);
        go("go-json-encoder", "json.NewEncoder(w).Encode(body)", "json.NewEncoder(w).Encode: as go-json plus a trailing newline",
                parse, strings, numbers, Layout.singleLine(",", ":"), true);
        go("go-json-indent", "json.MarshalIndent(body, \"\", \"  \")", "json.MarshalIndent(v, \"\", \"  \")",
                parse, strings, numbers, Layout.indented("  "), false);
    }

    private void go(String id, String snippet, String description, ParseRules parse, StringStyle strings,
                    NumberStyle numbers, Layout layout, boolean newline) {
        add(new EncoderProfile(id, Language.GO, description, snippet, parse,
                new EncodingRules(numbers, strings, KeyOrder.CODE_POINT, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, layout, 0, newline)));
    }

    // PHP 8.2: json_decode($text) (or with assoc=true), then json_encode with flags.
    private void php() {
        ParseRules parse = new ParseRules(Utf8Policy.STRICT, false, false, false, false, false,
                SurrogateEscapes.REJECT, false, false, 511, 0);
        NumberStyle numbers = new PhpNumbers();
        StringStyle escaped = StringStyle.standard().escapeSlash().nonAscii(NonAscii.ESCAPE_LOWER).build();
        StringStyle unescaped = StringStyle.standard().escapeLineSeparators().build();
        Layout compact = Layout.singleLine(",", ":");
        php("php-json", "json_encode(json_decode($body))", "json_encode(json_decode($t)): \\/, non-ASCII as \\uXXXX",
                parse, numbers, escaped, Containers.PHP_OBJECTS, compact);
        php("php-json-unescaped", "json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)",
                "with JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE (U+2028/2029 still escaped)",
                parse, numbers, unescaped, Containers.PHP_OBJECTS, compact);
        php("php-json-pretty", "json_encode($body, JSON_PRETTY_PRINT)", "with JSON_PRETTY_PRINT (4 spaces)",
                parse, numbers, escaped, Containers.PHP_OBJECTS, Layout.indented("    "));
        php("php-json-assoc", "json_encode(json_decode($body, true))",
                "json_decode($t, true): {} becomes [], list-like objects become arrays",
                parse, numbers, escaped, Containers.PHP_ARRAYS, compact);
        // Symfony HttpClient's 'json' option: HttpClientTrait::jsonEncode's default flags.
        StringStyle hex = StringStyle.standard().escapeSlash().nonAscii(NonAscii.ESCAPE_LOWER).hexEscapeUpper("<>&'\"").build();
        php("php-symfony-json", "$client->request('POST', $url, ['json' => $body]) (Symfony HttpClient)",
                "json_encode with JSON_HEX_TAG|HEX_APOS|HEX_AMP|HEX_QUOT|PRESERVE_ZERO_FRACTION: <>'&\" as upper-case \\u003C.., 1.0 kept",
                parse, new PhpNumbers(true), hex, Containers.PHP_OBJECTS, compact);
    }

    private void php(String id, String snippet, String description, ParseRules parse, NumberStyle numbers,
                     StringStyle strings, Containers containers, Layout layout) {
        add(new EncoderProfile(id, Language.PHP, description, snippet, parse,
                new EncodingRules(numbers, strings, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        containers, layout, 0, false)));
    }

    // serde_json 1.0 with default features: from_str::<Value> (on a &str, so the bytes must be UTF-8), then to_string.
    private void rust() {
        // serde_json's recursion limit of 128 lets 127 levels through: measured with the oracle.
        ParseRules parse = new ParseRules(Utf8Policy.STRICT, false, false, false, false, false,
                SurrogateEscapes.REJECT, false, false, 127, 0);
        add(new EncoderProfile("serde-json", Language.RUST,
                "serde_json Value: keys sorted by bytes (BTreeMap), u64/i64 exact, other numbers f64 written by ryu "
                        + "(1e21, 1e-7, 1000000000000000.0), -0 as -0.0, minimal escaping",
                "serde_json::to_string(&serde_json::from_str::<serde_json::Value>(body)?)", parse,
                new EncodingRules(new RustNumbers(), StringStyle.standard().build(), KeyOrder.CODE_POINT,
                        Duplicates.LAST_VALUE_AT_FIRST_POSITION, Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
    }

    // nlohmann::json 3.11: json::parse(text) (a BOM skipped, strict UTF-8, nothing after the value), then dump().
    private void cpp() {
        ParseRules parse = new ParseRules(Utf8Policy.STRICT, true, false, false, false, false,
                SurrogateEscapes.REJECT, false, false, Integer.MAX_VALUE, 0); // the parser keeps its own stack
        add(new EncoderProfile("nlohmann-json", Language.CPP,
                "nlohmann::json dump(): keys sorted by bytes (std::map), int64/uint64 exact, doubles shortest with 1e+15, 1e-05, "
                        + "100000000000000.0, minimal escaping",
                "nlohmann::json::parse(body).dump()", parse,
                new EncodingRules(new CppNumbers(), StringStyle.standard().build(), KeyOrder.CODE_POINT,
                        Duplicates.LAST_VALUE_AT_FIRST_POSITION, Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
    }

    // .NET: Newtonsoft.Json 6.0.8 (JToken.Parse(text).ToString(Formatting.None)) and System.Text.Json
    // (JsonNode.Parse(text).ToJsonString() with default options).
    private void dotnet() {
        // JsonTextReader: lenient (single quotes, unquoted names, trailing commas, octal and hex, NaN), dates rewritten.
        ParseRules lenient = ParseRules.javaLibrary(ParseRules.Grammar.NEWTONSOFT, Integer.MAX_VALUE);
        // JavaScriptUtils.WriteEscapedJavaScriptString: the standard escapes in lower case, and U+0085, U+2028, U+2029.
        StringStyle newtonsoftStrings = StringStyle.standard().escapeRange('\u0085', '\u0085').escapeLineSeparators().build();
        add(new EncoderProfile("newtonsoft", Language.DOTNET,
                "Newtonsoft.Json 6.0.8 JToken (Mono / .NET Framework): doubles as ToString(\"R\") (15 digits, else 17: "
                        + "3.1415926535897931; 1E+21, 1E-05, 100.0, -0.0 as 0.0), U+0085/2028/2029 escaped, repeated names: the "
                        + "last value, at the first place; strings that read as dates rewritten (.000Z dropped to Z, an offset "
                        + "moved into the machine's zone, which this profile takes to be UTC: +02:00 becomes +00:00 two hours "
                        + "earlier); lenient reader (single quotes, unquoted names, trailing commas, 012 octal, 0x1F, NaN as "
                        + "\"NaN\"; Mono's long.TryParse wraps some 20+ digit integers). Casebook writes correctly rounded "
                        + "doubles where Mono's own conversions are a unit in the last place off (some numbers below 1e-22 or "
                        + "beyond 1e22), and declines comments inside arrays, undefined and constructors, which JToken keeps. "
                        + "Newtonsoft 13 on .NET Core 3.0+ writes shortest doubles (3.141592653589793) and -0.0",
                "JToken.Parse(body).ToString(Formatting.None)", lenient,
                new EncodingRules(new NewtonsoftNumbers(), newtonsoftStrings, KeyOrder.INSERTION,
                        Duplicates.LAST_VALUE_AT_FIRST_POSITION, Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
        // JsonNode.Parse(string): the text as a .NET string (ill-formed UTF-8 already U+FFFD), strict RFC 8259 with
        // JsonDocumentOptions' defaults: no comments, no trailing commas, no BOM in a string, at most 64 levels.
        ParseRules parse = new ParseRules(Utf8Policy.REPLACE_MAXIMAL_SUBPART, false, false, false, false, false,
                SurrogateEscapes.KEEP, false, false, SYSTEM_TEXT_JSON_DEPTH, 0);
        // JsonWriterHelper.Escaping.cs and JavaScriptEncoder.Default: only printable ASCII stays, less " & ' + < > `;
        // \b \f \n \r \t \\ are short, everything else (" and DEL too) an upper-case hex escape. A lone surrogate escape
        // cannot be unescaped when ToJsonString writes the string (JsonReaderHelper.TryUnescape).
        StringStyle strings = StringStyle.standard().upperCaseHex().hexEscape("\"&'+<>`").escapeDel()
                .nonAscii(NonAscii.ESCAPE_UPPER)
                .failOnLoneSurrogate("InvalidOperationException: Cannot read invalid UTF-16 JSON text as string. Invalid surrogate value: '0x%04X'.")
                .build();
        add(new EncoderProfile("system-text-json", Language.DOTNET,
                "System.Text.Json JsonNode: every non-ASCII character and \" < > & ' + ` and DEL as upper-case \\u0022.., numbers "
                        + "as typed, repeated names kept, at most 64 levels; " + SPECIFICATION_ONLY + " "
                        + "(dotnet/runtime's JsonWriterHelper.Escaping.cs, JsonObject.WriteTo): no .NET runs here",
                "JsonNode.Parse(body).ToJsonString()", parse,
                new EncodingRules(new LexemeNumbers(), strings, KeyOrder.INSERTION, Duplicates.KEEP_ALL, Containers.PLAIN,
                        Layout.singleLine(",", ":"), 0, false)));
    }

    /**
     * Said in the description of a profile no real encoder could be run for here: its tests are cases derived by hand
     * from the library's source, and the reference vectors (which are what real encoders wrote) leave it out.
     */
    public static final String SPECIFICATION_ONLY = "verified against the specification only";

    /** {@code JsonDocumentOptions.MaxDepth}'s default (and {@link dev.casebook.core.canon.json.PortableTree#MAX_DEPTH}). */
    static final int SYSTEM_TEXT_JSON_DEPTH = 64;

    /** Oj.load's parser keeps no depth limit of its own (100000 levels read here); the service's limit comes first. */
    private static final ParseRules OJ_PARSE = new ParseRules(Utf8Policy.STRICT, false, false, false, true, false,
            SurrogateEscapes.REJECT, false, true, Integer.MAX_VALUE, 0, ParseRules.Grammar.OJ_STRICT);
    /**
     * Oj.dump refuses (NoMemoryError "Too deeply nested") a value, scalars included, deeper than 1001 levels: 1001
     * nested empty arrays dump, 1001 arrays around {@code 1} do not (1000 do). Measured with ruby-oj 3.14.2.
     */
    static final int OJ_DUMP_DEPTH = 1001;

    /** JSON.generate's strings: what is not well-formed UTF-8 (a lone surrogate included) is a GeneratorError. */
    private static StringStyle.Builder rubyGenerator() {
        return StringStyle.standard()
                .failOnLoneSurrogate("JSON::GeneratorError: source sequence is illegal/malformed utf-8 (\\u%04x)")
                .failOnIrregularSource("JSON::GeneratorError: source sequence is illegal/malformed utf-8");
    }

    // Ruby 3.1, json 2.6: JSON.parse then JSON.generate / JSON.pretty_generate.
    private void ruby() {
        ParseRules parse = new ParseRules(Utf8Policy.DEFER_TO_ENCODER, false, false, false, true, true,
                SurrogateEscapes.RUBY, false, false, 100, 0);
        StringStyle strings = rubyGenerator().build();
        NumberStyle numbers = new RubyNumbers();
        add(new EncoderProfile("ruby-json", Language.RUBY, "JSON.generate(JSON.parse(t)) (to_json writes the same)",
                "JSON.generate(body)", parse,
                new EncodingRules(numbers, strings, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
        // ActiveSupport 6.1 (Rails): JSON.generate's bytes, then <>& and U+2028/2029 as lower-case escapes
        // (escape_html_entities_in_json, on by default); a non-finite Float's as_json is nil.
        StringStyle htmlSafe = rubyGenerator().escapeHtml().escapeLineSeparators().build();
        add(new EncoderProfile("rails-json", Language.RUBY,
                "ActiveSupport::JSON.encode (Rails to_json): ruby-json plus <>& and U+2028/2029 as \\u003c.., Infinity as null",
                "ActiveSupport::JSON.encode(body)", parse,
                new EncodingRules(new RubyNumbers(true), htmlSafe, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, Layout.singleLine(",", ":"), 0, false)));
        // Oj 3.14 (Debian's ruby-oj): Oj.load(text, mode: :strict), then Oj.dump in its default object mode.
        StringStyle oj = StringStyle.standard().escapeFirstCharOf(":", "^r", "^i").loneSurrogate(LoneSurrogate.RAW_BYTE).build();
        add(new EncoderProfile("ruby-oj", Language.RUBY,
                "Oj.dump in object mode: floats as %.15g (3.14159265358979, 1e+21, 1e-07), whole floats as 100.0, -0.0 as 0.0, "
                        + "more than 16 digits or an exponent from 100000 as BigDecimal#to_s (0.30000000000000004e0), infinity as "
                        + "3.0e14159265358979323846; strings starting with : or ^r/^i get that character escaped (\u003a); "
                        + "ill-formed UTF-8 copied as it is; comments and leading zeros accepted, NaN refused",
                "Oj.dump(body)", OJ_PARSE,
                new EncodingRules(new OjNumbers(), oj, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, Layout.singleLine(",", ":"), OJ_DUMP_DEPTH, false, NullMembers.WRITTEN, Root.ANY, true)));
        add(new EncoderProfile("ruby-json-pretty", Language.RUBY, "JSON.pretty_generate", "JSON.pretty_generate(body)", parse,
                new EncodingRules(numbers, strings, KeyOrder.INSERTION, Duplicates.LAST_VALUE_AT_FIRST_POSITION,
                        Containers.PLAIN, new Layout(Layout.Shape.RUBY_PRETTY, ",", ": ", "  "), 0, false)));
    }
}
