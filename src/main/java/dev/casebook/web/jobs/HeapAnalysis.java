package dev.casebook.web.jobs;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.pyheap.PyheapGraph;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.PathGroup;
import dev.casebook.core.heap.path.Step;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the core's reader and path finder on a job's dump and shapes the result document. */
final class HeapAnalysis {

    private HeapAnalysis() {
    }

    static JobResult run(Path dump, String format, JobQuery query, CancelSignal cancel, ProgressListener progress)
            throws IOException {
        List<TargetQuery> targets = new ArrayList<>();
        query.objectIds().forEach(id -> targets.add(new TargetQuery.ObjectId(id)));
        query.classNames().forEach(name -> targets.add(new TargetQuery.ClassName(name)));
        if ("pyheap".equals(format)) {
            return pyheap(dump, query, targets, cancel, progress);
        }
        if (!"hprof".equals(format)) {
            throw DumpFormatException.atOffset("not a heap dump Casebook reads", 0);
        }
        try (HprofHeap heap = HprofHeap.open(dump, cancel, progress)) {
            List<TargetResult> results = NearestRoots.analyse(heap, targets,
                    new NearestRoots.Options(query.maxChains(), query.includeWeak()), cancel, progress);
            var stats = heap.statistics();
            JobResult.DumpSummary summary = new JobResult.DumpSummary("hprof", heap.version(), heap.idSize(),
                    stats.fileBytes(), heap.objectCount(), heap.classCount(), stats.roots(), heap.complete(),
                    heap.warnings());
            return new JobResult(summary, results.stream().map(HeapAnalysis::target).toList());
        }
    }

    private static JobResult pyheap(Path dump, JobQuery query, List<TargetQuery> targets, CancelSignal cancel,
            ProgressListener progress) throws IOException {
        PyheapGraph heap = PyheapReader.read(dump, cancel, progress);
        if (targets.isEmpty()) {
            for (long address : heap.headerTargets()) {
                targets.add(new TargetQuery.ObjectId(address));
            }
        }
        if (targets.isEmpty()) {
            throw DumpFormatException.atLine("the snapshot names no targets and the job gave none:"
                    + " pass targets=[leaked] to pyheap.dump, or className / objectId to the job", 1);
        }
        List<TargetResult> results = NearestRoots.analyse(heap, targets,
                new NearestRoots.Options(query.maxChains(), query.includeWeak()), cancel, progress);
        List<String> warnings = new ArrayList<>(heap.warnings());
        JobResult.DumpSummary summary = new JobResult.DumpSummary("pyheap", "1", 8, java.nio.file.Files.size(dump),
                heap.objectCount(), 0, heap.rootCount(), heap.complete(), warnings);
        return new JobResult(summary, results.stream().map(HeapAnalysis::target).toList());
    }

    private static JobResult.Target target(TargetResult r) {
        Map<String, String> query = r.query() instanceof TargetQuery.ObjectId id
                ? Map.of("objectId", hex(id.id()))
                : Map.of("className", ((TargetQuery.ClassName) r.query()).name());
        return new JobResult.Target(query, r.matched(), r.reachable(), r.weaklyReachable(), r.unreachable(),
                summary(r), r.chains().stream().map(HeapAnalysis::chain).toList(),
                r.groups().stream().map(HeapAnalysis::group).toList());
    }

    static String summary(TargetResult r) {
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
        return new JobResult.Group(g.path(), g.count());
    }

    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }
}
