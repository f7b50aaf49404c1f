package dev.casebook.core.heap.census;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A {@link Census} as the bytes kept with a job: gzip of a magic and version, a table of the distinct strings
 * (class names and shape steps, each stored once however many shapes share it), then the totals, the classes
 * and the shapes as string numbers and variable-length counts. Reading refuses anything else with an
 * {@link IOException} that says where.
 */
public final class CensusCodec {

    private static final byte[] MAGIC = "CBCENSUS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private CensusCodec() {
    }

    public static byte[] write(Census census) {
        List<String> strings = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (Census.ClassRow c : census.classes()) {
            intern(c.className(), strings, ids);
        }
        for (Census.ShapeRow s : census.shapes()) {
            intern(s.className(), strings, ids);
            s.path().forEach(step -> intern(step, strings, ids));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeCount(out, strings.size());
            for (String s : strings) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeCount(out, utf8.length);
                out.write(utf8);
            }
            Census.Totals t = census.totals();
            writeCount(out, t.objects());
            writeCount(out, t.shallowBytes());
            writeCount(out, t.reachableObjects());
            writeCount(out, t.reachableBytes());
            writeCount(out, census.classes().size());
            for (Census.ClassRow c : census.classes()) {
                writeCount(out, ids.get(c.className()));
                writeCount(out, c.instances());
                writeCount(out, c.shallowBytes());
                writeCount(out, c.retainedBytes());
            }
            writeCount(out, census.shapes().size());
            for (Census.ShapeRow s : census.shapes()) {
                writeCount(out, ids.get(s.className()));
                writeCount(out, s.path().size());
                for (String step : s.path()) {
                    writeCount(out, ids.get(step));
                }
                writeCount(out, s.instances());
                writeCount(out, s.shallowBytes());
                writeCount(out, s.retainedBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Census read(byte[] kept) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(kept)))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a census (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("census version " + version + " is not " + VERSION);
            }
            int count = (int) readCount(in, Integer.MAX_VALUE);
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] utf8 = new byte[(int) readCount(in, 1 << 24)];
                in.readFully(utf8);
                strings.add(new String(utf8, StandardCharsets.UTF_8));
            }
            Census.Totals totals = new Census.Totals(readCount(in, Long.MAX_VALUE), readCount(in, Long.MAX_VALUE),
                    readCount(in, Long.MAX_VALUE), readCount(in, Long.MAX_VALUE));
            int classCount = (int) readCount(in, Integer.MAX_VALUE);
            List<Census.ClassRow> classes = new ArrayList<>();
            for (int i = 0; i < classCount; i++) {
                classes.add(new Census.ClassRow(string(in, strings), readCount(in, Long.MAX_VALUE),
                        readCount(in, Long.MAX_VALUE), readCount(in, Long.MAX_VALUE)));
            }
            int shapeCount = (int) readCount(in, Integer.MAX_VALUE);
            List<Census.ShapeRow> shapes = new ArrayList<>();
            for (int i = 0; i < shapeCount; i++) {
                String className = string(in, strings);
                int length = (int) readCount(in, 1 << 16);
                List<String> path = new ArrayList<>(length);
                for (int k = 0; k < length; k++) {
                    path.add(string(in, strings));
                }
                shapes.add(new Census.ShapeRow(className, path, readCount(in, Long.MAX_VALUE),
                        readCount(in, Long.MAX_VALUE), readCount(in, Long.MAX_VALUE)));
            }
            return new Census(totals, classes, shapes);
        } catch (EOFException e) {
            throw new IOException("the census is cut short", e);
        }
    }

    private static void intern(String s, List<String> strings, Map<String, Integer> ids) {
        if (!ids.containsKey(s)) {
            ids.put(s, strings.size());
            strings.add(s);
        }
    }

    private static String string(DataInputStream in, List<String> strings) throws IOException {
        long id = readCount(in, strings.size() - 1L);
        return strings.get((int) id);
    }

    /** A non-negative number in 7-bit groups, low first: most counts here take one or two bytes. */
    private static void writeCount(DataOutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("a census count is never negative: " + value);
        }
        while (value >= 0x80) {
            out.writeByte((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    private static long readCount(DataInputStream in, long max) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0 || value > max) {
                    throw new IOException("a census count is out of range: " + value);
                }
                return value;
            }
        }
        throw new IOException("a census count is too long");
    }
}
