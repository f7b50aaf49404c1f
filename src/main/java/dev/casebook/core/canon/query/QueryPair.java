package dev.casebook.core.canon.query;

import java.util.Objects;

/** One {@code name=value} of a query string, before encoding. */
public record QueryPair(String name, String value) {
    public QueryPair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
