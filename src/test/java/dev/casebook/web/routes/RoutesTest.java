package dev.casebook.web.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.web.InfoResource;
import dev.casebook.web.canon.CanonResource;
import dev.casebook.web.jobs.JobsResource;
import dev.casebook.web.tools.ToolsResource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = Routes.of(List.of(JobsResource.class, CanonResource.class, InfoResource.class,
            ToolsResource.class, String.class));

    @Test
    void aPathBelongsToItsTemplateWhateverItsIdOrTrailingSlash() {
        assertEquals(new Routes.Route("/v1/jobs/{id}", Set.of("GET", "HEAD", "DELETE")), routes.match("/v1/jobs/any-thing").orElseThrow());
        assertEquals("/v1/jobs/{id}/dominators", routes.match("/v1/jobs/x/dominators/").orElseThrow().template());
        assertEquals(new Routes.Route("/v1/jobs", Set.of("GET", "HEAD", "POST")), routes.match("/v1/jobs/").orElseThrow());
        assertEquals(Set.of("POST"), routes.match("/v1/canonical").orElseThrow().methods());
        assertEquals("/v1/tools/pyheap.py", routes.match("/v1/tools/pyheap.py").orElseThrow().template());
    }

    @Test
    void aPathThatIsNoRouteMatchesNothing() {
        assertTrue(routes.match("/v1/jobs/x/y/z").isEmpty());
        assertTrue(routes.match("/v1/nothing").isEmpty());
        assertTrue(routes.match("/").isEmpty());
    }

    @Test
    void templatesAreLabelledWithoutTheirRegex() {
        assertEquals("/a/{id}/b", Routes.normalize("a//{id: [0-9]+}/b/"));
        assertEquals("/", Routes.normalize("/"));
    }
}
