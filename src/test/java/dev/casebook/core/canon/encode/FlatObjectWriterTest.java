package dev.casebook.core.canon.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Text written from its UTF-8 bytes is what every profile's string style writes for the decoded
 * text, and a text that repeats an earlier one is the same whether its repeats are copied or not.
 */
class FlatObjectWriterTest {

    private static final String[] UNITS = {"a", "\"", "\\", "/", "</", "<", ">", "&", "'", "=", "\n", "\u0000", "\u001f", "\u007f", "é",
        "\u0080", "\u009f", "\u07ff", "\u0800", "中", "\u2028", "\u2029", "\u20ac", "\ufeff", "\uffff", "\ud83d\ude00", "\udbff\udfff", " "};

    @Test
    void bytesAreWrittenAsTheirTextIs() throws Exception {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 20261207L));
        for (EncoderProfile profile : new ProfileCatalog().all()) {
            if (profile.encoding() == null) {
                continue; // raw: no encoder
            }
            StringStyle style = profile.encoding().strings();
            for (int i = 0; i < 300; i++) {
                String text = text(random);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                ByteSink expected = new ByteSink(16);
                style.write(text, expected);
                ByteSink actual = new ByteSink(16);
                actual.write('"');
                assertTrue(style.writeUtf8(utf8, 0, utf8.length, actual), profile.id());
                actual.write('"');
                assertEquals(new String(expected.toByteArray(), StandardCharsets.ISO_8859_1),
                        new String(actual.toByteArray(), StandardCharsets.ISO_8859_1), profile.id() + " on " + text);
            }
        }
    }

    @Test
    void repeatsCopiedOrNotGiveTheSameBytes() {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 20261207L));
        for (EncoderProfile profile : new ProfileCatalog().all()) {
            if (profile.encoding() == null) {
                continue;
            }
            for (int i = 0; i < 100; i++) {
                byte[] body = text(random).getBytes(StandardCharsets.UTF_8);
                byte[] before = text(random).getBytes(StandardCharsets.UTF_8);
                byte[] whole = new byte[before.length + 2 * body.length];
                System.arraycopy(before, 0, whole, 0, before.length);
                System.arraycopy(body, 0, whole, before.length, body.length);
                System.arraycopy(body, 0, whole, before.length + body.length, body.length);
                List<int[]> spans = List.of(new int[] {before.length, before.length + body.length},
                        new int[] {before.length + body.length, whole.length});
                assertArrayEquals(written(profile, body, whole, List.of()), written(profile, body, whole, spans), profile.id());
            }
        }
    }

    @Test
    void illFormedBytesWriteNothing() {
        EncodingRules jackson = new ProfileCatalog().find("jackson").orElseThrow().encoding();
        ByteSink sink = new ByteSink(16);
        FlatObjectWriter w = new FlatObjectWriter(jackson, sink);
        w.text("a", "x");
        assertFalse(w.utf8("b", new byte[] {'y', (byte) 0xC0}));
        w.text("c", null);
        w.text("d", "z");
        w.close();
        assertEquals("{\"a\":\"x\",\"d\":\"z\"}", new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }

    private static byte[] written(EncoderProfile profile, byte[] body, byte[] whole, List<int[]> spans) {
        ByteSink sink = new ByteSink(16);
        FlatObjectWriter w = new FlatObjectWriter(profile.encoding(), sink);
        assertTrue(w.utf8("body", body));
        assertTrue(w.utf8Repeating("whole", whole, spans, body));
        w.close();
        return sink.toByteArray();
    }

    private static String text(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(16);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(3) == 0 ? UNITS[random.nextInt(UNITS.length)] : String.valueOf((char) (0x20 + random.nextInt(0x5f))));
        }
        return b.toString();
    }
}
