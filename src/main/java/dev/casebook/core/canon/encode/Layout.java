package dev.casebook.core.canon.encode;

/**
 * Where an encoder puts whitespace. Separators and indent are data; the three pretty-printing
 * shapes that differ in structure (not just in strings) are the {@link Shape}.
 *
 * @param shape         the structure of the whitespace
 * @param itemSeparator between members or elements on one line: {@code ","} or {@code ", "}
 * @param keySeparator  between a key and its value: {@code ":"}, {@code ": "} or {@code " : "}
 * @param indent        one level of indentation for the multi-line shapes
 */
public record Layout(Shape shape, String itemSeparator, String keySeparator, String indent) {

    public enum Shape {
        /** Everything on one line. */
        SINGLE_LINE,
        /** One member per line, empty containers as {@code []} and {@code {}} (Python indent, JS, Go, PHP). */
        INDENTED,
        /** Jackson's DefaultPrettyPrinter: arrays inline {@code [ 1, 2 ]}, {@code { }}, indent by object depth. */
        JACKSON_PRETTY,
        /** Ruby's pretty_generate (json 2.6): as INDENTED but empties are {@code {\n}} and {@code [\n\n]}. */
        RUBY_PRETTY
    }

    public static Layout singleLine(String itemSeparator, String keySeparator) {
        return new Layout(Shape.SINGLE_LINE, itemSeparator, keySeparator, "");
    }

    public static Layout indented(String indent) {
        return new Layout(Shape.INDENTED, ",", ": ", indent);
    }
}
