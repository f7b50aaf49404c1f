package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result document of a succeeded job (api.md, section 2). */
@Schema(name = "JobResult", description = "Per target: how many instances matched and are held, the shortest chains, and all of them merged by path shape")
public record JobResult(DumpSummary dump, List<Target> targets) {

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
            @Schema(description = "Instances found", example = "5000") int matched,
            @Schema(description = "Instances with a chain of strong references from a root (any references with includeWeak)", example = "4990") int reachable,
            @Schema(description = "Instances held only through weak, soft, phantom or finalizer references", example = "10") int weaklyReachable,
            @Schema(description = "Instances nothing holds (garbage still in the dump)", example = "0") int unreachable,
            @Schema(description = "One sentence saying the same", example = "5000 instances: 4990 held by strong references, 10 only through weak, soft, phantom or finalizer references.")
            String summary,
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
            @Schema(example = "4990") int count) {
    }
}
