package dev.casebook.core.heap.triage;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.IntLongHashMap;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What holds the memory, without being told: totals, a histogram and leak suspects over a heap's
 * dominator tree. Suspects are found before the chain search, so that the one search also reaches
 * their accumulation points ({@link #chainTargets}); their chains are filled in afterwards.
 */
public final class Triage {

    public static final double DEFAULT_SUSPECT_THRESHOLD = 10;
    public static final int DEFAULT_HISTOGRAM_LIMIT = 50;
    private static final int CONTENT_ROWS = 10;

    public record Totals(long objects, long shallowBytes, long reachableObjects, long reachableBytes) {
    }

    /** An object a suspect names, with its retained size. */
    public record Holder(long id, String type, String name, long retainedBytes, long retainedObjects) {
    }

    /** The objects of one type in a suspect's accumulation point. */
    public record Content(String className, long instances, long retainedBytes) {
    }

    /**
     * One place where memory piles up. {@code holder} and {@code accumulation} are null for a type whose
     * instances together pass the threshold while none does alone; {@code chain} then leads to its largest.
     */
    public record Suspect(String fingerprint, String title, long retainedBytes, long retainedObjects,
            double retainedPercent, Holder holder, Holder accumulation, Chain chain, List<Content> contents) {
        public Suspect {
            contents = List.copyOf(contents);
        }
    }

    private final HeapGraph graph;
    private final DominatorTree tree;
    private final Histogram histogram;
    private final List<SuspectFinder.Candidate> candidates;

    private Triage(HeapGraph graph, DominatorTree tree, Histogram histogram, List<SuspectFinder.Candidate> candidates) {
        this.graph = graph;
        this.tree = tree;
        this.histogram = histogram;
        this.candidates = candidates;
    }

    /** {@code thresholdPercent}: the share of the reachable bytes an object (or a type) must retain to be a suspect. */
    public static Triage compute(HeapGraph graph, DominatorTree tree, double thresholdPercent, CancelSignal cancel) {
        return compute(graph, tree, null, thresholdPercent, cancel);
    }

    /** {@code counted}: the histogram's counts already made ({@link Histogram#counted}), or null to count here. */
    public static Triage compute(HeapGraph graph, DominatorTree tree, Histogram counted, double thresholdPercent,
            CancelSignal cancel) {
        Histogram histogram = (counted == null ? Histogram.counted(graph, cancel) : counted).withRetained(graph, tree, cancel);
        long threshold = Math.max(1, (long) Math.ceil(tree.reachableBytes() * thresholdPercent / 100));
        return new Triage(graph, tree, histogram, SuspectFinder.find(graph, tree, threshold));
    }

    public Totals totals() {
        return new Totals(histogram.objects(), histogram.shallowBytes(), tree.reachableObjects(), tree.reachableBytes());
    }

    public List<Histogram.Row> histogram(int limit) {
        return histogram.rows(graph, limit);
    }

    /** The objects the suspects' chains lead to: the chain search must reach them. */
    public int[] chainTargets() {
        return candidates.stream().mapToInt(SuspectFinder.Candidate::chainTarget).toArray();
    }

    /** The suspects, largest first, with chains from the search that reached {@link #chainTargets}. */
    public List<Suspect> suspects(NearestRoots.Chains chains) {
        List<Suspect> suspects = new ArrayList<>();
        for (SuspectFinder.Candidate c : candidates) {
            Chain chain = chains.chain(c.chainTarget());
            List<String> shape = chains.shape(c.chainTarget());
            double percent = Math.round(1000.0 * c.retainedBytes() / Math.max(1, tree.reachableBytes())) / 10.0;
            List<Content> contents = c.isType()
                    ? List.of(new Content(graph.typeName(c.instances()[0]), c.instances().length, c.retainedBytes()))
                    : contents(c.accumulation());
            Holder holder = c.isType() ? null : holder(c.holder());
            Holder accumulation = c.isType() ? null : holder(c.accumulation());
            String fingerprint = fingerprint(c.isType() ? "type" : "object", shape);
            String title = title(c.isType(), holder == null ? null : holder.type(), percent, contents, chain);
            suspects.add(new Suspect(fingerprint, title, c.retainedBytes(),
                    c.retainedObjects(), percent, holder, accumulation, chain, contents));
        }
        return suspects;
    }

    private Holder holder(int object) {
        return new Holder(graph.objectId(object), graph.typeName(object), graph.objectName(object),
                tree.retainedBytes(object), tree.retainedObjects(object));
    }

    /** The types in the accumulation point's retained set (itself excluded), by retained bytes of their top-most instances. */
    private List<Content> contents(int point) {
        IntLongHashMap instances = new IntLongHashMap();
        IntLongHashMap retained = new IntLongHashMap();
        IntIntHashMap coveredUntil = new IntIntHashMap();
        IntIntHashMap representative = new IntIntHashMap();
        int from = tree.position(point) + 1;
        int end = tree.position(point) + tree.retainedObjects(point);
        for (int p = from; p < end; p++) {
            int o = tree.objectAt(p);
            int type = graph.typeId(o);
            if (instances.addTo(type, 1) == 1) {
                representative.put(type, o);
            }
            if (p >= coveredUntil.getOrDefault(type, 0)) {
                retained.addTo(type, tree.retainedBytes(o));
                coveredUntil.put(type, p + tree.retainedObjects(o));
            }
        }
        List<Content> rows = new ArrayList<>();
        for (var e : instances) {
            rows.add(new Content(graph.typeName(representative.get(e.key)), e.value, retained.get(e.key)));
        }
        rows.sort(Comparator.comparingLong(Content::retainedBytes).reversed()
                .thenComparing(Comparator.comparingLong(Content::instances).reversed())
                .thenComparing(Content::className));
        return rows.subList(0, Math.min(CONTENT_ROWS, rows.size()));
    }

    /**
     * "3,000 instances of com.example.Listener (41.2% of the heap) held by one java.util.ArrayList, reached
     * from static com.example.Bus.LISTENERS". The type named is the largest of the contents, unless an
     * application's type (not the runtime's own) retains at least half as much: that is the one a person
     * recognises.
     */
    private static String title(boolean typeSuspect, String holderType, double percent, List<Content> contents,
            Chain chain) {
        StringBuilder s = new StringBuilder();
        Content named = nameable(contents);
        String share = " (" + String.format(Locale.ROOT, "%.1f", percent) + "% of the heap)";
        if (typeSuspect) {
            s.append(count(named.instances())).append(named.instances() == 1 ? " instance of " : " instances of ")
                    .append(named.className()).append(share).append(", each held on its own");
        } else {
            if (named != null) {
                s.append(count(named.instances())).append(named.instances() == 1 ? " instance of " : " instances of ")
                        .append(named.className()).append(share).append(" held by one ").append(holderType);
            } else {
                s.append("One ").append(holderType).append(share);
            }
        }
        String from = reachedFrom(chain);
        if (from != null) {
            s.append(", reached from ").append(from);
        }
        return s.toString();
    }

    private static Content nameable(List<Content> contents) {
        if (contents.isEmpty()) {
            return null;
        }
        Content largest = contents.get(0);
        for (Content c : contents) {
            if (isApplicationType(c.className()) && c.retainedBytes() * 2 >= largest.retainedBytes()) {
                return c;
            }
        }
        return largest;
    }

    private static boolean isApplicationType(String name) {
        return name.contains(".") && !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
                && !name.startsWith("sun.") && !name.startsWith("com.sun.") && !name.startsWith("builtins.");
    }

    /** The static field (JVM) or module global (Python) the chain passes last, else the root's description. */
    private static String reachedFrom(Chain chain) {
        if (chain == null) {
            return null;
        }
        String found = null;
        List<Step> path = chain.path();
        for (int i = 0; i < path.size(); i++) {
            Step step = path.get(i);
            String edge = step.edge();
            if (edge == null) {
                continue;
            }
            if (edge.startsWith("static ") && step.name() != null) {
                found = "static " + step.name() + "." + edge.substring("static ".length());
            } else if (step.type().equals("dict") && step.name() != null && edge.startsWith("['") && edge.endsWith("']")) {
                String key = edge.substring(2, edge.length() - 2);
                if (step.name().startsWith(MODULE_GLOBALS)) {
                    found = "global " + step.name().substring(MODULE_GLOBALS.length()) + "." + key;
                } else if (step.name().startsWith(CLASS_NAMESPACE)) {
                    found = "class attribute " + step.name().substring(CLASS_NAMESPACE.length()) + "." + key;
                }
            }
        }
        return found != null ? found : chain.root().description();
    }

    private static final String MODULE_GLOBALS = "globals of module ";
    private static final String CLASS_NAMESPACE = "namespace of class ";

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A hash of the chain's shape: equal for the same leak in two dumps of one program, whatever the addresses. */
    static String fingerprint(String kind, List<String> shape) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String step : shape) {
                digest.update((byte) '\n');
                digest.update(step.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
