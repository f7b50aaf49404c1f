package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.casebook.core.heap.dominator.DominatorIndex;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a node's children in a job's dominator tree (api.md, GET /v1/jobs/{id}/dominators). */
@Schema(name = "DominatorPage", description = "The children of one node of the dominator tree, largest retained size first")
public record DominatorsView(
        Node parent,
        @Schema(description = "Children the node has in all", example = "1742") int total,
        @Schema(description = "How many of them were kept with the job (the largest; a list is cut at 1000)", example = "1000")
        int listed,
        List<Node> children) {

    @Schema(name = "DominatorNode", description = "An object of the dominator tree; the super-root is {\"id\": \"root\"}")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(
            @Schema(example = "0x7f3a1c2b8") String id,
            @Schema(example = "java.util.ArrayList") String type,
            @Schema(description = "A class object's class name, a thread's name") String name,
            @Schema(example = "24") Long shallowBytes,
            @Schema(example = "180000000") Long retainedBytes,
            @Schema(example = "150002") Long retainedObjects,
            @Schema(description = "How many objects it immediately dominates", example = "1") Integer children) {
    }

    static DominatorsView of(DominatorIndex.Page page) {
        Node parent = page.parent() == null ? new Node("root", null, null, null, null, null, null)
                : new Node(HeapAnalysis.hex(page.parent().id()), page.parent().type(), page.parent().name(), null,
                        page.parent().retainedBytes(), page.parent().retainedObjects(), null);
        return new DominatorsView(parent, page.total(), page.listed(), page.children().stream()
                .map(n -> new Node(HeapAnalysis.hex(n.id()), n.type(), n.name(), n.shallowBytes(), n.retainedBytes(),
                        n.retainedObjects(), n.children()))
                .toList());
    }
}
