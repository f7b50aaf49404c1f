package dev.casebook.core.heap.path;

import java.util.Objects;

/** What the user asked about: one object by id, or every instance of one type (and its subtypes). */
public sealed interface TargetQuery {

    record ObjectId(long id) implements TargetQuery {
    }

    /**
     * Every instance of the class {@code name} (binary, canonical or an unambiguous simple name), and of its
     * subclasses when {@code subclasses}.
     */
    record ClassName(String name, boolean subclasses) implements TargetQuery {
        public ClassName {
            Objects.requireNonNull(name);
        }
    }
}
