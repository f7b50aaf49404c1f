package dev.casebook.core.heap.hprof;

import java.util.List;
import java.util.Set;

/**
 * The one place that says which references do not keep their target alive. A chain is made of strong
 * references only, unless the query asks for {@code includeWeak}. Rules are matched by class
 * hierarchy, so subclasses (a {@code KeyedWeakReference}, a {@code WeakHashMap$Entry}) follow them.
 *
 * <table>
 *   <tr><th>field</th><th>declared in</th><th>not strong for instances of</th></tr>
 *   <tr><td>referent</td><td>java.lang.ref.Reference</td><td>WeakReference, SoftReference, PhantomReference,
 *       FinalReference (so Finalizer, sun.misc.Cleaner, jdk.internal.ref.Cleaner, PhantomCleanable) and
 *       Android's FinalizerReference</td></tr>
 *   <tr><td>zombie</td><td>java.lang.ref.FinalizerReference (Android)</td><td>itself</td></tr>
 *   <tr><td>next, prev; static unfinalized</td><td>java.lang.ref.Finalizer</td><td>itself</td></tr>
 *   <tr><td>next, prev; static head</td><td>java.lang.ref.FinalizerReference (Android)</td><td>itself</td></tr>
 *   <tr><td>next, prev; static first</td><td>sun.misc.Cleaner, jdk.internal.ref.Cleaner</td><td>itself</td></tr>
 * </table>
 *
 * <p>A plain {@code java.lang.ref.Reference} that is none of these keeps its referent, as the JVM does.
 *
 * <p>Why the finalizer and cleaner lists are not strong, though the JVM's collector does trace them: they
 * link every object with a finalizer or a cleaner, registered when it was made, whatever the program does
 * with it. Followed as strong, they give every such object (every stream, socket, deflater, direct buffer)
 * a chain through {@code Finalizer.unfinalized} or {@code Cleaner.first}, make that list the dominator and
 * the first leak suspect of nearly any dump, and hide the chain that really keeps the object. What it
 * changes: an object held by nothing but these lists is reported as only weakly reachable (collectable),
 * and retained sizes count what the program's own references hold.
 */
final class ReferenceStrength {

    private record InstanceRule(String declaringClass, String field, Set<String> forSubclassesOf) {
    }

    private record StaticRule(String declaringClass, String field) {
    }

    private static final Set<String> REFERENCE_KINDS = Set.of(
            "java.lang.ref.WeakReference", "java.lang.ref.SoftReference", "java.lang.ref.PhantomReference",
            "java.lang.ref.FinalReference", "java.lang.ref.FinalizerReference");

    private static final List<InstanceRule> INSTANCE_RULES = List.of(
            new InstanceRule("java.lang.ref.Reference", "referent", REFERENCE_KINDS),
            new InstanceRule("java.lang.ref.FinalizerReference", "zombie", Set.of()),
            new InstanceRule("java.lang.ref.Finalizer", "next", Set.of()),
            new InstanceRule("java.lang.ref.Finalizer", "prev", Set.of()),
            new InstanceRule("java.lang.ref.FinalizerReference", "next", Set.of()),
            new InstanceRule("java.lang.ref.FinalizerReference", "prev", Set.of()),
            new InstanceRule("sun.misc.Cleaner", "next", Set.of()),
            new InstanceRule("sun.misc.Cleaner", "prev", Set.of()),
            new InstanceRule("jdk.internal.ref.Cleaner", "next", Set.of()),
            new InstanceRule("jdk.internal.ref.Cleaner", "prev", Set.of()));

    private static final List<StaticRule> STATIC_RULES = List.of(
            new StaticRule("java.lang.ref.Finalizer", "unfinalized"),
            new StaticRule("java.lang.ref.FinalizerReference", "head"),
            new StaticRule("sun.misc.Cleaner", "first"),
            new StaticRule("jdk.internal.ref.Cleaner", "first"));

    private ReferenceStrength() {
    }

    /**
     * Whether the instance field {@code field}, declared in {@code declaringClass}, is weak in an instance
     * whose class and superclasses are {@code hierarchy} (most specific first).
     */
    static boolean isWeakField(String declaringClass, String field, List<String> hierarchy) {
        for (InstanceRule rule : INSTANCE_RULES) {
            if (rule.declaringClass.equals(declaringClass) && rule.field.equals(field)
                    && (rule.forSubclassesOf.isEmpty() || hierarchy.stream().anyMatch(rule.forSubclassesOf::contains))) {
                return true;
            }
        }
        return false;
    }

    static boolean isWeakStatic(String declaringClass, String field) {
        for (StaticRule rule : STATIC_RULES) {
            if (rule.declaringClass.equals(declaringClass) && rule.field.equals(field)) {
                return true;
            }
        }
        return false;
    }
}
