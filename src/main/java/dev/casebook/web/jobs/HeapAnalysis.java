package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.PathGroup;
import dev.casebook.core.heap.path.Step;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.core.heap.triage.Triage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the core's analysis on a job's dump and translates its report into the result document. */
final class HeapAnalysis {

    /** The result document and the browsable dominator tree, both kept with the job. */
    record Outcome(JobResult result, byte[] dominatorIndex) {
    }

    private HeapAnalysis() {
    }

    static Outcome run(Path dump, String format, JobQuery query, CancelSignal cancel, ProgressListener progress)
            throws IOException {
        List<TargetQuery> targets = new ArrayList<>();
        query.objectIds().forEach(id -> targets.add(new TargetQuery.ObjectId(id)));
        query.classNames().forEach(name -> targets.add(new TargetQuery.ClassName(name, false)));
        DumpFormat dumpFormat = DumpFormat.fromApiName(format)
                .orElseThrow(() -> DumpFormatException.atOffset("not a heap dump Casebook reads", 0));
        AnalysisRequest request = new AnalysisRequest(targets, query.maxChains(), query.includeWeak(),
                query.histogramLimit(), query.suspectThreshold());
        HeapReport report = HeapAnalyzer.analyse(dump, dumpFormat, request, cancel, progress);
        HeapReport.Dump d = report.dump();
        JobResult.DumpSummary summary = new JobResult.DumpSummary(d.format().apiName(), d.version(), d.idSize(),
                d.bytes(), d.objects(), d.classes(), d.roots(), d.complete(), d.warnings());
        Triage.Totals t = report.heap();
        JobResult result = new JobResult(summary,
                new JobResult.Heap(t.objects(), t.shallowBytes(), t.reachableObjects(), t.reachableBytes()),
                report.targets().stream().map(r -> target(r, d.complete())).toList(),
                report.histogram().stream().map(r -> new JobResult.HistogramRow(r.className(), r.instances(),
                        r.shallowBytes(), r.retainedBytes())).toList(),
                report.suspects().stream().map(HeapAnalysis::suspect).toList());
        return new Outcome(result, report.dominatorIndex());
    }

    private static JobResult.Suspect suspect(Triage.Suspect s) {
        return new JobResult.Suspect(s.fingerprint(), s.title(), s.retainedBytes(), s.retainedObjects(),
                s.retainedPercent(), object(s.holder()), object(s.accumulation()),
                s.chain() == null ? null : chain(s.chain()),
                s.contents().stream().map(c -> new JobResult.SuspectContent(c.className(), c.instances(), c.retainedBytes()))
                        .toList());
    }

    private static JobResult.SuspectObject object(Triage.Holder h) {
        return h == null ? null
                : new JobResult.SuspectObject(hex(h.id()), h.type(), h.name(), h.retainedBytes(), h.retainedObjects());
    }

    private static JobResult.Target target(TargetResult r, boolean wholeDump) {
        Map<String, String> query = r.query() instanceof TargetQuery.ObjectId id
                ? Map.of("objectId", hex(id.id()))
                : Map.of("className", ((TargetQuery.ClassName) r.query()).name());
        return new JobResult.Target(query, r.matched(), r.reachable(), r.weaklyReachable(), r.unreachable(),
                summary(r, wholeDump), r.retainedObjects(), r.retainedBytes(), r.chains().stream().map(HeapAnalysis::chain).toList(),
                r.groups().stream().map(HeapAnalysis::group).toList());
    }

    /** One sentence on a target; a dump that was cut off is named as the likely cause of a miss, not the target. */
    static String summary(TargetResult r, boolean wholeDump) {
        if (r.matched() == 0 && !wholeDump) {
            return "No instance matched in the part of the dump that could be read: the dump was cut off (see its"
                    + " warnings), so the instances may be in the part that is missing.";
        }
        if (r.matched() == 0) {
            return "No instance matched: check the class's binary name (com.example.Outer$Inner, java.lang.Object[]) or the id.";
        }
        StringBuilder s = new StringBuilder();
        s.append(r.matched()).append(r.matched() == 1 ? " instance: " : " instances: ");
        List<String> parts = new ArrayList<>();
        parts.add(r.reachable() + " held by " + (r.weaklyReachable() == 0 && r.unreachable() == 0 && r.reachable() > 0
                ? "a chain of references from a GC root" : "strong references"));
        if (r.weaklyReachable() > 0) {
            parts.add(r.weaklyReachable() + " only through weak, soft, phantom or finalizer references (collectable)");
        }
        if (r.unreachable() > 0) {
            parts.add(r.unreachable() + " unreachable (garbage the dump still contained)");
        }
        return s.append(String.join(", ", parts)).append('.').toString();
    }

    private static JobResult.Chain chain(Chain c) {
        return new JobResult.Chain(new JobResult.Root(c.root().kind(), c.root().description()), c.length(),
                c.omittedSteps(), c.path().stream().map(HeapAnalysis::step).toList());
    }

    private static JobResult.Step step(Step s) {
        return new JobResult.Step(hex(s.id()), s.type(), s.name(), s.edge());
    }

    private static JobResult.Group group(PathGroup g) {
        return new JobResult.Group(g.path(), g.count(), g.retainedBytes());
    }

    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }
}
