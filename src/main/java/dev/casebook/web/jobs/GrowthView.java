package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.casebook.core.heap.census.Growth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What grew between succeeded jobs of one caller (api.md, GET /v1/jobs/{id}/growth). */
@Schema(name = "Growth", description = "Per class and path shape, and per class, what changed from the oldest baseline"
        + " to the job, largest growth first")
public record GrowthView(
        @Schema(description = "The job compared (the newest dump)") String job,
        @Schema(description = "The baselines, oldest first, as asked") List<String> baselines,
        @Schema(description = "The changed shapes, largest growth first (at most limit)") List<ShapeRow> growth,
        @Schema(description = "The changed classes, largest growth first (at most limit)") List<ClassRow> histogramDelta,
        @Schema(description = "Changed shapes in all") int total,
        @Schema(description = "Changed classes in all") int histogramTotal) {

    @Schema(name = "GrowthAmount", description = "Instances and bytes in one dump, or their difference")
    public record Amount(
            @Schema(example = "3000") long instances,
            @Schema(example = "48000") long shallowBytes,
            @Schema(example = "288000") long retainedBytes) {
        static Amount of(Growth.Amount a) {
            return new Amount(a.instances(), a.shallowBytes(), a.retainedBytes());
        }
    }

    @Schema(name = "ShapeGrowth", description = "The instances of one class reached by one path shape")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShapeRow(
            @Schema(example = "com.example.Room") String className,
            @Schema(description = "The shape as chain groups show it: the root, type and edge per step (indices and"
                    + " data-dict keys as [*]), the class last; empty for the class's other shapes (too small to keep"
                    + " one by one)") List<String> path,
            @Schema(description = "True for a class's other shapes, summed") Boolean otherShapes,
            @Schema(description = "In the oldest baseline") Amount before,
            @Schema(description = "In the job") Amount after,
            Amount delta,
            @Schema(description = "Instances in each dump, oldest first", example = "[1000, 2000, 3000]") List<Long> steps,
            @Schema(description = "Whether every step grew (more instances, or as many retaining more bytes)")
            boolean growingEveryStep) {
        static ShapeRow of(Growth.ShapeGrowth g) {
            return new ShapeRow(g.className(), g.path(), g.path().isEmpty() ? Boolean.TRUE : null, Amount.of(g.before()),
                    Amount.of(g.after()), Amount.of(g.delta()), g.steps(), g.growingEveryStep());
        }
    }

    @Schema(name = "ClassGrowth", description = "One class of the histogram, every instance in the dump counted")
    public record ClassRow(
            @Schema(example = "com.example.Room") String className,
            Amount before,
            Amount after,
            Amount delta,
            @Schema(description = "Instances in each dump, oldest first") List<Long> steps,
            boolean growingEveryStep) {
        static ClassRow of(Growth.ClassGrowth g) {
            return new ClassRow(g.className(), Amount.of(g.before()), Amount.of(g.after()), Amount.of(g.delta()),
                    g.steps(), g.growingEveryStep());
        }
    }

    static GrowthView of(String job, List<String> baselines, Growth.Report report, int limit) {
        return new GrowthView(job, baselines, report.shapes().stream().limit(limit).map(ShapeRow::of).toList(),
                report.classes().stream().limit(limit).map(ClassRow::of).toList(), report.shapes().size(),
                report.classes().size());
    }
}
