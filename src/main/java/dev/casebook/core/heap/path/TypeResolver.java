package dev.casebook.core.heap.path;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns the class name a person typed into the exact type names a dump uses. People write
 * {@code com.example.LeakApp.Leak} (the canonical name their IDE shows) or just {@code Leak}; the JVM
 * writes {@code com.example.LeakApp$Leak}. An exact name always wins; then the canonical reading; then a
 * name that ends the same way, but only when exactly one type does (two {@code Room}s in two packages
 * must not be silently merged). When nothing matches, the closest names are offered instead.
 */
public final class TypeResolver {

    /** Suggestions a summary can carry without becoming a list. */
    static final int MAX_SIMILAR = 5;

    /**
     * @param types     the exact names whose instances answer the query (with subtypes when asked); empty
     *                  when nothing matched
     * @param ambiguous the asked name's tail fits several types and none exactly: {@code similar} lists them
     * @param similar   when nothing matched: up to five names close to the asked one, closest first
     */
    public record TypeMatch(Set<String> types, boolean ambiguous, List<String> similar) {
        public TypeMatch {
            types = Set.copyOf(types);
            similar = List.copyOf(similar);
        }
    }

    private final Set<String> known;
    private final Supplier<Map<String, Set<String>>> supertypes;

    /**
     * @param known      every type name the dump has
     * @param supertypes each type's direct supertypes as the dump records them; asked for only when a
     *                   query wants subtypes
     */
    public TypeResolver(Set<String> known, Supplier<Map<String, Set<String>>> supertypes) {
        this.known = known;
        this.supertypes = memoized(supertypes);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    public TypeMatch resolve(String asked, boolean withSubtypes) {
        Set<String> named = named(withSubtypes ? withSupertypeNames() : known, asked);
        if (named.size() > 1 && !known.contains(asked) && !sameCanonicalName(named, asked)) {
            return new TypeMatch(Set.of(), true, sorted(named, MAX_SIMILAR));
        }
        if (named.isEmpty()) {
            return new TypeMatch(Set.of(), false, similar(asked));
        }
        return new TypeMatch(withSubtypes ? withSubtypes(named) : named, false, List.of());
    }

    /** An abstract base may have no instance, yet its subclasses' instances are what the query wants. */
    private Set<String> withSupertypeNames() {
        Set<String> names = new HashSet<>(known);
        supertypes.get().values().forEach(names::addAll);
        return names;
    }

    private static Set<String> named(Set<String> known, String asked) {
        if (known.contains(asked)) {
            return Set.of(asked);
        }
        String canonical = canonical(asked);
        Set<String> exact = new TreeSet<>();
        Set<String> tail = new TreeSet<>();
        for (String type : known) {
            String c = canonical(type);
            if (c.equals(canonical)) {
                exact.add(type);
            } else if (c.endsWith(canonical) && c.charAt(c.length() - canonical.length() - 1) == '.') {
                tail.add(type);
            }
        }
        return exact.isEmpty() ? tail : exact;
    }

    /** Several types may share a canonical name only across class loaders; then they are one class. */
    private static boolean sameCanonicalName(Set<String> named, String asked) {
        return named.stream().allMatch(n -> canonical(n).equals(canonical(asked)));
    }

    /** Nested classes read the same with {@code $} or {@code .}: the canonical spelling. */
    private static String canonical(String name) {
        return name.replace('$', '.');
    }

    private Set<String> withSubtypes(Set<String> named) {
        Map<String, List<String>> subtypes = new HashMap<>();
        supertypes.get().forEach((type, supers) -> supers.forEach(s -> subtypes.computeIfAbsent(s, k -> new ArrayList<>())
                .add(type)));
        Set<String> all = new LinkedHashSet<>(named);
        Deque<String> pending = new ArrayDeque<>(named);
        while (!pending.isEmpty()) {
            for (String sub : subtypes.getOrDefault(pending.pop(), List.of())) {
                if (all.add(sub)) {
                    pending.push(sub);
                }
            }
        }
        return all;
    }

    /**
     * Names whose simple part is a few edits from the asked one's (a typo, a different case), or contains
     * it ({@code Leak} for {@code LeakyListener}), closest first.
     */
    private List<String> similar(String asked) {
        String want = simpleName(asked).toLowerCase(Locale.ROOT);
        if (want.isEmpty()) {
            return List.of();
        }
        int allowed = Math.max(2, want.length() / 3);
        record Candidate(String name, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String type : known) {
            String simple = simpleName(type).toLowerCase(Locale.ROOT);
            int distance = editDistance(want, simple, allowed);
            if (distance <= allowed) {
                candidates.add(new Candidate(type, distance));
            } else if (simple.contains(want)) {
                candidates.add(new Candidate(type, allowed + simple.length() - want.length()));
            }
        }
        return candidates.stream().sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .limit(MAX_SIMILAR).map(Candidate::name).toList();
    }

    private static String simpleName(String name) {
        String canonical = canonical(name);
        return canonical.substring(canonical.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> sorted(Set<String> names, int limit) {
        return names.stream().sorted().limit(limit).toList();
    }
}
