package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.census.CensusCodec;
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
public final class HeapAnalysis {

    /** The result document, the browsable dominator tree and the census (CensusCodec bytes), all kept with the job. */
    public record Outcome(JobResult result, byte[] dominatorIndex, byte[] census) {
    }

    private HeapAnalysis() {
    }

    public static Outcome run(Path dump, String format, JobQuery query, CancelSignal cancel, ProgressListener progress)
            throws IOException {
        List<TargetQuery> targets = new ArrayList<>();
        query.objectIds().forEach(id -> targets.add(new TargetQuery.ObjectId(id)));
        query.classNames().forEach(name -> targets.add(new TargetQuery.ClassName(name, query.subclasses())));
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
        return new Outcome(result, report.dominatorIndex(), CensusCodec.write(report.census()));
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
                : ((TargetQuery.ClassName) r.query()).subclasses()
                ? Map.of("className", ((TargetQuery.ClassName) r.query()).name(), "subclasses", "true")
                : Map.of("className", ((TargetQuery.ClassName) r.query()).name());
        List<String> classes = r.typeMatch() == null ? null
                : r.typeMatch().types().stream().sorted().limit(JobResult.MAX_CLASSES_LISTED).toList();
        List<String> similar = r.typeMatch() == null || r.typeMatch().similar().isEmpty() ? null : r.typeMatch().similar();
        return new JobResult.Target(query, classes, r.typeMatch() == null ? null : r.typeMatch().types().size(), similar,
                r.matched(), r.reachable(), r.weaklyReachable(), r.unreachable(),
                TargetSummary.of(r, wholeDump), r.retainedObjects(), r.retainedBytes(), r.chains().stream().map(HeapAnalysis::chain).toList(),
                r.groups().stream().map(HeapAnalysis::group).toList());
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
