package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result document of a succeeded job (api.md, section 2). */
@Schema(name = "JobResult", description = "What was read; per target how many instances matched and are held, the shortest"
        + " chains, all of them merged by path shape, and their retained size; and the triage of the whole heap: totals,"
        + " histogram and leak suspects")
public record JobResult(DumpSummary dump, Heap heap, List<Target> targets, List<HistogramRow> histogram,
        List<Suspect> suspects) {

    /** Classes a target lists by name: java.lang.Object with its subclasses would otherwise list every class. */
    static final int MAX_CLASSES_LISTED = 50;

    @Schema(name = "HeapTotals", description = "Every object in the dump, and those strongly reachable from the GC roots")
    public record Heap(
            @Schema(example = "5078938") long objects,
            @Schema(description = "Shallow bytes of every object (see the README's size model)", example = "301000000") long shallowBytes,
            @Schema(example = "5000000") long reachableObjects,
            @Schema(example = "290000000") long reachableBytes) {
    }

    @Schema(name = "HistogramRow", description = "One class: its instances and shallow bytes in the dump, and the bytes its"
            + " top-most instances retain (a lower bound for the retained size of all of them, as Eclipse MAT labels it)")
    public record HistogramRow(
            @Schema(example = "com.example.LeakyListener") String className,
            @Schema(example = "50000") long instances,
            @Schema(example = "1200000") long shallowBytes,
            @Schema(example = "180000000") long retainedBytes) {
    }

    @Schema(name = "Suspect", description = "Where memory piles up: the holder a person recognises, the accumulation point"
            + " below it, the shortest chain to that point and what it holds. holder and accumulation are absent for a class"
            + " whose instances together pass the threshold while none does alone")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suspect(
            @Schema(description = "A hash of the chain's shape: equal for the same leak in two dumps of one program",
                    example = "9f2c4e0b1a7d3c5e8f6a2b4d0c9e1f37") String fingerprint,
            @Schema(example = "50,000 instances of com.example.LeakyListener (62.1% of the heap) held by one java.util.ArrayList,"
                    + " reached from static com.example.Bus.LISTENERS") String title,
            @Schema(example = "180000000") long retainedBytes,
            @Schema(example = "150002") long retainedObjects,
            @Schema(example = "62.1") double retainedPercent,
            SuspectObject holder,
            SuspectObject accumulation,
            Chain chain,
            List<SuspectContent> contents) {
    }

    @Schema(name = "SuspectObject")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuspectObject(
            @Schema(example = "0x7f3a1c2b8") String id,
            @Schema(example = "java.util.ArrayList") String type,
            @Schema(description = "A class object's class name, a thread's name") String name,
            @Schema(example = "180000000") long retainedBytes,
            @Schema(example = "150002") long retainedObjects) {
    }

    @Schema(name = "SuspectContent", description = "The objects of one class in the accumulation point's retained set")
    public record SuspectContent(
            @Schema(example = "com.example.LeakyListener") String className,
            @Schema(example = "50000") long instances,
            @Schema(example = "178000000") long retainedBytes) {
    }

    @Schema(name = "DumpSummary", description = "What was read: format, version, size, counts, and anything the reader had to skip")
    public record DumpSummary(
            @Schema(example = "hprof") String format,
            @Schema(example = "1.0.2") String version,
            @Schema(example = "8") int idSize,
            @Schema(description = "Bytes analysed (after inflating)", example = "287309824") long bytes,
            @Schema(example = "5100000") long objects,
            @Schema(example = "4210") long classes,
            @Schema(description = "GC root records", example = "1740") long roots,
            @Schema(description = "False when the dump was cut off: chains may then be missing or longer than in the live heap")
            boolean complete,
            List<String> warnings) {
    }

    @Schema(name = "TargetResult")
    public record Target(
            @Schema(description = "The target as asked: {\"className\": ...} or {\"objectId\": \"0x...\"}",
                    example = "{\"className\": \"com.example.Room\"}") Map<String, String> query,
            @Schema(description = "For className: the classes whose instances were counted (sorted; the first "
                    + MAX_CLASSES_LISTED + " when there are more), the exact binary names the asked name was read as",
                    example = "[\"com.example.Room\"]") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> classes,
            @Schema(description = "For className: how many classes were counted", example = "1")
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer classCount,
            @Schema(description = "For a className that matched no class: up to five similar class names, closest first;"
                    + " for one that several classes end with, those classes", example = "[\"com.example.Rooms\"]")
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> similarClasses,
            @Schema(description = "Instances found", example = "5000") int matched,
            @Schema(description = "Instances with a chain of strong references from a root (any references with includeWeak)", example = "4990") int reachable,
            @Schema(description = "Instances held only through weak, soft, phantom or finalizer references", example = "10") int weaklyReachable,
            @Schema(description = "Instances nothing holds (garbage still in the dump)", example = "0") int unreachable,
            @Schema(description = "One sentence saying the same", example = "5000 instances: 4990 held by strong references, 10 only through weak, soft, phantom or finalizer references.")
            String summary,
            @Schema(description = "Objects that would become unreachable without all matched instances (exact)", example = "15001")
            long retainedObjects,
            @Schema(description = "Their shallow bytes", example = "480032") long retainedBytes,
            List<Chain> chains,
            List<Group> groups) {
    }

    @Schema(name = "Chain", description = "A shortest chain, from the root object to the target inclusive. A chain longer"
            + " than 200 objects lists its first and last 100 and says how many were omitted between them.")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Chain(
            Root root,
            @Schema(description = "Objects on the chain, root and target included", example = "5") int length,
            @Schema(description = "Objects omitted between path[99] and path[100] (absent when none)", example = "0")
            int omittedSteps,
            List<Step> path) {
    }

    @Schema(name = "Root")
    public record Root(
            @Schema(example = "STICKY_CLASS") String kind,
            @Schema(example = "Class com.example.Registry") String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Step")
    public record Step(
            @Schema(example = "0x7f3a1c2b8") String id,
            @Schema(example = "java.util.HashMap") String type,
            @Schema(description = "A class object's class name, a thread's name", example = "com.example.Registry") String name,
            @Schema(description = "The reference to the next step: a field, [index], static NAME; absent on the target", example = "table")
            String edge) {
    }

    @Schema(name = "Group", description = "All matched, reachable instances whose chains have this shape")
    public record Group(
            @Schema(example = "[\"com.example.Registry static ROOMS\", \"java.util.HashMap table\", \"java.util.HashMap$Node[] [*]\", \"java.util.HashMap$Node value\", \"com.example.Room\"]")
            List<String> path,
            @Schema(example = "4990") int count,
            @Schema(description = "Bytes retained by the group's top-most instances (those no other matched instance dominates)",
                    example = "159680") long retainedBytes) {
    }
}
