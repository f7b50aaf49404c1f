package dev.casebook.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rewrites generated JSON bodies into what lenient readers (Gson's, org.json's, Android's) take
 * and strict ones refuse, at random places outside strings: comments of every kind, single-quoted
 * and unquoted strings and names, {@code ;} for {@code ,}, {@code =} and {@code =>} for
 * {@code :}, missing and trailing array elements, keywords in capitals, numbers with a leading
 * zero, a hex prefix, a bare point or a plus, words like {@code NaN}, and the {@code )]}'} prefix.
 * Deterministic for a seed.
 */
public final class LenientJsonBodies {

    private static final String[] COMMENTS = {"/* c */", "// c\n", "# c\n", "/**/", "\n"};
    private static final String[] WORDS = {"NaN", "Infinity", "-Infinity", "abc", "x-y", "01", "0x1F", "1.", "+1", "-.5", "1e5",
        "007", "1d", "TRUE", "Null", "fAlSe", "nullsoft", "truex", "0X10", "-0", "1_000"};

    private final SplittableRandom random;

    public LenientJsonBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One lenient body for each of {@code strict} that is UTF-8 text, rewritten in about one place in four. */
    public List<byte[]> rewrite(List<byte[]> strict) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] body : strict) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.indexOf('\ufffd') < 0) {
                out.add(rewrite(text).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private String rewrite(String text) {
        StringBuilder b = new StringBuilder(text.length() + 32);
        if (random.nextInt(40) == 0) {
            b.append(")]}'\n");
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                string(text.substring(i + 1, end), b);
                i = end + 1;
                continue;
            }
            boolean change = random.nextInt(4) == 0;
            switch (c) {
                case ',' -> b.append(change ? (random.nextBoolean() ? ";" : ",,") : ",");
                case ':' -> b.append(change ? (random.nextBoolean() ? "=" : "=>") : ":");
                case '[' -> b.append(change ? "[," : "[");
                case ']' -> b.append(change ? ",]" : "]");
                case '{', '}' -> b.append(c).append(change ? COMMENTS[random.nextInt(COMMENTS.length)] : "");
                default -> {
                    int end = wordEnd(text, i);
                    if (end > i && change) {
                        b.append(WORDS[random.nextInt(WORDS.length)]);
                        i = end;
                        continue;
                    }
                    b.append(c);
                }
            }
            i++;
        }
        return b.toString();
    }

    /** A string's content written double-quoted, single-quoted or bare. */
    private void string(String content, StringBuilder b) {
        int r = random.nextInt(8);
        if (r == 0 && content.indexOf('\'') < 0) {
            b.append('\'').append(content).append('\'');
        } else if (r == 1 && content.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            b.append(content);
        } else {
            b.append('"').append(content).append('"');
        }
    }

    private static int stringEnd(String text, int open) {
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, text.length() - 1);
    }

    /** The end of the number or keyword at {@code i}, or {@code i} when none starts there. */
    private static int wordEnd(String text, int i) {
        int j = i;
        while (j < text.length() && "-+.0123456789eEtruefalsn".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }
}
