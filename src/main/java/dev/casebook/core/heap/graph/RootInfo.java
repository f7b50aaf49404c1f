package dev.casebook.core.heap.graph;

/**
 * Why an object is a GC root: the dump's root kind ({@code JNI_GLOBAL}, {@code JAVA_FRAME}, ...,
 * or {@code IMPLICIT} for CPython) and a description a person can act on (the class, the thread,
 * the frame and line).
 */
public record RootInfo(String kind, String description) {
}
