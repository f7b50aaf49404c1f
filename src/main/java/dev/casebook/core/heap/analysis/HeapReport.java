package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.census.Census;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.core.heap.triage.Histogram;
import dev.casebook.core.heap.triage.Triage;
import java.util.List;

/**
 * Everything one analysis found: what was read, the heap's totals, each target's chains and groups, the
 * histogram, the suspects, the browsable part of the dominator tree ({@link
 * dev.casebook.core.heap.dominator.DominatorIndex} bytes, to be kept with the job), and the census by class and
 * path shape that later dumps are compared with (also kept with the job).
 */
public record HeapReport(Dump dump, Triage.Totals heap, List<TargetResult> targets, List<Histogram.Row> histogram,
        List<Triage.Suspect> suspects, byte[] dominatorIndex, Census census) {

    /** What was read: format, version, id size, bytes, counts, completeness and anything skipped. */
    public record Dump(DumpFormat format, String version, int idSize, long bytes, long objects, long classes,
            long roots, boolean complete, List<String> warnings) {
        public Dump {
            warnings = List.copyOf(warnings);
        }
    }

    public HeapReport {
        targets = List.copyOf(targets);
        histogram = List.copyOf(histogram);
        suspects = List.copyOf(suspects);
    }
}
