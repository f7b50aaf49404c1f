package dev.casebook.web.jobs;

import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.core.heap.path.TypeResolver.TypeMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain sentence on a target. A miss says why as precisely as the dump allows: a cut-off dump before
 * the user's spelling, a name several classes end with, a class with no instance, or the nearest names.
 */
final class TargetSummary {

    private TargetSummary() {
    }

    static String of(TargetResult r, boolean wholeDump) {
        if (r.matched() == 0) {
            return miss(r, wholeDump);
        }
        StringBuilder s = new StringBuilder();
        s.append(r.matched()).append(r.matched() == 1 ? " instance" : " instances").append(readAs(r)).append(": ");
        List<String> parts = new ArrayList<>();
        parts.add(r.reachable() + " held by " + (r.weaklyReachable() == 0 && r.unreachable() == 0 && r.reachable() > 0
                ? "a chain of references from a GC root" : "strong references"));
        if (r.weaklyReachable() > 0) {
            parts.add(r.weaklyReachable() + " only through weak, soft, phantom or finalizer references (collectable)");
        }
        if (r.unreachable() > 0) {
            // In a cut dump the roots or holders of these may be in the part that is gone: not garbage for sure.
            parts.add(r.unreachable() + (wholeDump ? " unreachable (garbage the dump still contained)"
                    : " reached from no root in the part of the dump that could be read (it was cut off: their holders"
                    + " may be in the missing part)"));
        }
        return s.append(String.join(", ", parts)).append('.').toString();
    }

    /** Says which classes a name was read as, when that is not plainly the name itself. */
    private static String readAs(TargetResult r) {
        if (!(r.query() instanceof TargetQuery.ClassName asked) || r.typeMatch() == null) {
            return "";
        }
        List<String> types = r.typeMatch().types().stream().sorted().toList();
        if (types.size() == 1 && types.get(0).equals(asked.name())) {
            return "";
        }
        if (types.size() == 1) {
            return " of " + types.get(0);
        }
        return " of " + types.size() + " classes (" + asked.name() + (asked.subclasses() ? " and its subclasses" : "") + ")";
    }

    private static String miss(TargetResult r, boolean wholeDump) {
        if (!wholeDump) {
            return "No instance matched in the part of the dump that could be read: the dump was cut off (see its"
                    + " warnings), so the instances may be in the part that is missing.";
        }
        if (r.query() instanceof TargetQuery.ObjectId) {
            return "No object has this id in the dump.";
        }
        TargetQuery.ClassName asked = (TargetQuery.ClassName) r.query();
        TypeMatch match = r.typeMatch();
        if (match == null) {
            return "No instance of " + asked.name() + " in the dump.";
        }
        if (match.ambiguous()) {
            return "No class is named exactly " + asked.name() + ", and several end so: " + String.join(", ", match.similar())
                    + ". Give the full name of the one you mean.";
        }
        if (!match.types().isEmpty()) {
            return "The dump has " + (match.types().size() == 1 ? "the class " + match.types().iterator().next()
                    : match.types().size() + " classes named so") + " but no instance of it"
                    + (asked.subclasses() ? " or of its subclasses." : "; subclasses=true counts its subclasses' instances too.");
        }
        if (!match.similar().isEmpty()) {
            return "No class named " + asked.name() + " in the dump. Similar names: " + String.join(", ", match.similar()) + ".";
        }
        return "No class named " + asked.name() + " in the dump, nor one close to it (names read com.example.Outer$Inner,"
                + " com.example.Outer.Inner or Inner; arrays java.lang.Object[]).";
    }
}
