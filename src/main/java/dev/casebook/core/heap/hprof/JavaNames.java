package dev.casebook.core.heap.hprof;

/**
 * Class names as users write them. HotSpot's LOAD CLASS records use internal names
 * ({@code java/util/HashMap$Node}, {@code [Ljava/lang/Object;}, {@code [[I}); Android's use
 * {@code java.lang.Object[]} already. Both become binary names with {@code []} for arrays.
 */
final class JavaNames {

    private JavaNames() {
    }

    static String binaryName(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return internal.replace('/', '.');
        }
        String element = internal.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "C" -> "char";
            case "F" -> "float";
            case "D" -> "double";
            case "B" -> "byte";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element.replace('/', '.');
        };
        return base + "[]".repeat(dims);
    }
}
