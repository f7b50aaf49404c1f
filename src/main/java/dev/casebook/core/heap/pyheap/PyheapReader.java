package dev.casebook.core.heap.pyheap;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a pyheap snapshot (JSON Lines, version 1; plain or gzip) or a meliae dump into a
 * {@link PyheapGraph}, with a streaming parser into flat columns: no tree of maps per object.
 *
 * <p>Damaged input, each with its line number: a first line that is not a pyheap header (and not a
 * meliae object), an unknown version, a line that is not JSON, or a line of unknown kind fails, as does a
 * snapshot with no object at all. A snapshot without its
 * {@code end} line (cut off while written or uploaded) is read as far as it goes and marked
 * incomplete, with a warning; a cut last line counts as such a cut. A meliae dump has no reference
 * counts: its roots are then the objects nothing references, and a warning says the chains are
 * approximate.
 */
public final class PyheapReader {

    private static final JsonFactory JSON = new JsonFactory();

    private final LongArrayList addresses = new LongArrayList();
    private final IntArrayList typeIds = new IntArrayList();
    private final List<String> types = new ArrayList<>();
    private final ObjectIntHashMap<String> typeIndex = new ObjectIntHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final LongArrayList refcnts = new LongArrayList();
    private final LongArrayList sizes = new LongArrayList();
    private final BitSet untrackedFlags = new BitSet();
    private final BitSet immortalFlags = new BitSet();
    private final IntArrayList refStart = new IntArrayList();
    private final LongArrayList refAddresses = new LongArrayList();
    private final IntArrayList refLabels = new IntArrayList();
    private final List<String> labels = new ArrayList<>();
    private final ObjectIntHashMap<String> labelIndex = new ObjectIntHashMap<>();
    private final ThreadLocals locals = new ThreadLocals();
    private final List<String> warnings = new ArrayList<>();
    private long[] targets = new long[0];
    private long immortalMin = Long.MAX_VALUE;
    private boolean meliae;
    private boolean ended;

    private PyheapReader() {
    }

    public static PyheapGraph read(Path file, CancelSignal cancel, ProgressListener progress) throws IOException {
        return new PyheapReader().readFile(file, cancel, progress);
    }

    /** Whether the file starts as a pyheap snapshot (after any gzip). */
    public static boolean looksLikePyheap(byte[] head) {
        String text = new String(head, StandardCharsets.US_ASCII);
        return text.startsWith("{") && text.contains("\"format\": \"pyheap\"") || text.contains("\"format\":\"pyheap\"");
    }

    private PyheapGraph readFile(Path file, CancelSignal cancel, ProgressListener progress) throws IOException {
        long size = Math.max(1, Files.size(file));
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20);
            long lineNo = 0;
            long bytes = 0;
            String line = lines.readLine();
            String next;
            while (line != null) {
                lineNo++;
                next = lines.readLine();
                bytes += line.length() + 1;
                if (!line.isBlank()) {
                    int refsBefore = refAddresses.size();
                    int labelsBefore = refLabels.size();
                    try {
                        readLine(line, lineNo);
                    } catch (JsonProcessingException e) {
                        if (next == null && !ended) {
                            // The references the cut line got to are no object's: they must not join the last one's.
                            refAddresses.elementsCount = refsBefore;
                            refLabels.elementsCount = labelsBefore;
                            warnings.add("line " + lineNo + " is cut off");
                            break;
                        }
                        throw DumpFormatException.atLine("not a JSON line: " + e.getOriginalMessage(), lineNo);
                    }
                }
                if ((lineNo & 0xffff) == 0) {
                    cancel.check();
                    progress.progress(AnalysisPhase.INDEXING, (int) Math.min(99, bytes * 100 / (gzip ? size * 8 : size)));
                }
                line = next;
            }
            if (lineNo == 0) {
                throw DumpFormatException.atLine("the snapshot is empty", 1);
            }
            if (addresses.isEmpty()) {
                // Nothing to find chains in: a job would only blame its targets.
                throw DumpFormatException.atLine(ended || meliae ? "the snapshot holds no objects, although it is whole"
                        : "the snapshot holds no objects: it was cut off after line " + lineNo + ", before its objects", lineNo);
            }
            if (!ended && !meliae) {
                warnings.add("the snapshot has no end line: it was cut off after line " + lineNo
                        + "; objects after it are missing, so chains may be missing or longer than in the process");
            }
        }
        progress.progress(AnalysisPhase.INDEXING, 100);
        return build();
    }

    private void readLine(String line, long lineNo) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw DumpFormatException.atLine("a line must be a JSON object", lineNo);
            }
            Map<String, Object> header = null;
            long address = 0;
            String type = null;
            String name = null;
            long refcnt = -1;
            long objectSize = 0;
            boolean tracked = true;
            boolean immortal = false;
            String kind = null;
            int refsFrom = refAddresses.size();
            int labelCount = 0;
            boolean sawAddress = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (kind != null && !"object".equals(kind)) {
                    // header, thread and end lines are small: read them whole.
                    header = header == null ? new LinkedHashMap<>() : header;
                    header.put(field, readValue(p));
                    continue;
                }
                switch (field) {
                    case "kind" -> kind = p.getText();
                    case "address" -> {
                        address = p.getLongValue();
                        sawAddress = true;
                    }
                    case "type" -> type = p.getText();
                    case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "refcnt" -> refcnt = p.getLongValue();
                    case "size" -> objectSize = value.isNumeric() ? Math.max(0, p.getLongValue()) : 0;
                    case "tracked" -> tracked = p.getBooleanValue();
                    case "immortal" -> immortal = p.getBooleanValue();
                    case "refs" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            refAddresses.add(p.getLongValue());
                        }
                    }
                    case "labels" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            refLabels.add(p.currentToken() == JsonToken.VALUE_NULL ? -1 : label(p.getText()));
                            labelCount++;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            // meliae writes objects without refcounts and no header; a pyheap object line has a refcount.
            if (kind == null && lineNo == 1 && sawAddress && refcnt < 0) {
                meliae = true;
                warnings.add("a meliae dump has no reference counts: roots are the objects nothing references,"
                        + " so the chains are approximate");
            }
            if (kind == null || "object".equals(kind)) {
                if (lineNo == 1 && !meliae) {
                    throw DumpFormatException.atLine("the first line is not a pyheap header", lineNo);
                }
                if (!sawAddress || type == null) {
                    throw DumpFormatException.atLine("an object line needs \"address\" and \"type\"", lineNo);
                }
                int refCount = refAddresses.size() - refsFrom;
                // Labels are parallel to refs; pad or trim so the columns stay aligned.
                while (labelCount < refCount) {
                    refLabels.add(-1);
                    labelCount++;
                }
                if (labelCount > refCount) {
                    refLabels.elementsCount -= labelCount - refCount;
                }
                addObject(address, type, name, refcnt, objectSize, tracked, immortal, refsFrom);
                return;
            }
            switch (kind) {
                case "header" -> readHeader(header == null ? Map.of() : header, lineNo);
                case "thread" -> readThread(header == null ? Map.of() : header);
                case "end" -> ended = true;
                // A version 1 writer writes no other kind: anything else is a garbled line, not a newer one.
                default -> throw DumpFormatException.atLine("unknown line kind \"" + kind
                        + "\" (a pyheap 1 snapshot has header, object, thread and end lines)", lineNo);
            }
            if (lineNo == 1 && !"header".equals(kind)) {
                throw DumpFormatException.atLine("the first line is not a pyheap header", lineNo);
            }
        }
    }

    private void readHeader(Map<String, Object> header, long lineNo) {
        if (lineNo != 1) {
            throw DumpFormatException.atLine("a second header", lineNo);
        }
        if (!"pyheap".equals(header.get("format"))) {
            throw DumpFormatException.atLine("the header's format is not \"pyheap\"", lineNo);
        }
        if (!Long.valueOf(1).equals(header.get("version"))) {
            throw DumpFormatException.atLine("unknown pyheap version " + header.get("version") + " (this reader knows 1)", lineNo);
        }
        if (header.get("immortal_min") instanceof Long min) {
            immortalMin = min;
        }
        if (Boolean.TRUE.equals(header.get("gil_disabled"))) {
            warnings.add("a free-threaded Python undercounts some reference counts: roots may be missed");
        }
        if (header.get("targets") instanceof List<?> list) {
            targets = list.stream().filter(Long.class::isInstance).mapToLong(o -> (Long) o).toArray();
        }
    }

    @SuppressWarnings("unchecked")
    private void readThread(Map<String, Object> thread) {
        String name = "thread " + String.valueOf(thread.getOrDefault("name", thread.get("ident")));
        if (!(thread.get("frames") instanceof List<?> frames)) {
            return;
        }
        for (Object f : frames) {
            if (f instanceof Map<?, ?> frame && frame.get("locals") instanceof Map<?, ?> frameLocals) {
                Map<String, Long> values = new LinkedHashMap<>();
                frameLocals.forEach((k, v) -> {
                    if (v instanceof Long address) {
                        values.put(String.valueOf(k), address);
                    }
                });
                Object line = frame.get("line");
                locals.add(name, String.valueOf(frame.get("func")), String.valueOf(frame.get("file")),
                        line instanceof Long l ? l : -1, values);
            }
        }
    }

    private static Object readValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, readValue(p));
                }
                yield map;
            }
            default -> null;
        };
    }

    private int label(String text) {
        int at = labelIndex.indexOf(text);
        if (labelIndex.indexExists(at)) {
            return labelIndex.indexGet(at);
        }
        labels.add(text);
        labelIndex.put(text, labels.size() - 1);
        return labels.size() - 1;
    }

    private void addObject(long address, String type, String name, long refcnt, long size, boolean tracked,
            boolean immortal, int refsFrom) {
        int at = typeIndex.indexOf(type);
        int typeId;
        if (typeIndex.indexExists(at)) {
            typeId = typeIndex.indexGet(at);
        } else {
            typeId = types.size();
            types.add(type);
            typeIndex.put(type, typeId);
        }
        addresses.add(address);
        typeIds.add(typeId);
        names.add(name);
        refcnts.add(refcnt);
        sizes.add(size);
        int index = addresses.size() - 1;
        untrackedFlags.set(index, !tracked);
        immortalFlags.set(index, immortal || refcnt >= immortalMin);
        refStart.add(refsFrom);
    }

    private PyheapGraph build() {
        int n = addresses.size();
        refStart.add(refAddresses.size());
        LongIntHashMap indexByAddress = new LongIntHashMap(n);
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            if (indexByAddress.putIfAbsent(addresses.get(i), i) == false) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            warnings.add(duplicates + " addresses appear more than once; the first object of each is used");
        }
        int[] refTargets = new int[refAddresses.size()];
        for (int k = 0; k < refTargets.length; k++) {
            refTargets[k] = indexByAddress.getOrDefault(refAddresses.get(k), -1);
        }
        long[] counts = refcnts.toArray();
        boolean[] tracked = new boolean[n];
        boolean[] immortal = new boolean[n];
        for (int i = 0; i < n; i++) {
            tracked[i] = !untrackedFlags.get(i);
            immortal[i] = immortalFlags.get(i);
        }
        if (meliae) {
            // No refcounts: an object counts as held by exactly what references it, so only what nothing
            // references is a root.
            int[] in = new int[n];
            for (int t : refTargets) {
                if (t >= 0) {
                    in[t]++;
                }
            }
            for (int i = 0; i < n; i++) {
                counts[i] = in[i] == 0 ? 1 : in[i];
            }
        }
        return new PyheapGraph(addresses.toArray(), typeIds.toArray(), List.copyOf(types), names.toArray(new String[0]),
                counts, sizes.toArray(), tracked, immortal, refStart.toArray(), refTargets, refLabels.toArray(), List.copyOf(labels),
                indexByAddress, locals, targets, List.copyOf(warnings), ended || meliae);
    }
}
