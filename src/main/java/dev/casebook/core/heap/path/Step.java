package dev.casebook.core.heap.path;

/**
 * One object on a chain: its id, type, a name when it has one worth showing (a class object's class,
 * a thread's name), and the edge from it to the next object (null on the target).
 */
public record Step(long id, String type, String name, String edge) {
}
