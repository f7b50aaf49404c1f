package dev.casebook.core.heap.path;

import java.util.Objects;

/** What the user asked about: one object by id, or every instance of one type. */
public sealed interface TargetQuery {

    record ObjectId(long id) implements TargetQuery {
    }

    record ClassName(String name) implements TargetQuery {
        public ClassName {
            Objects.requireNonNull(name);
        }
    }
}
