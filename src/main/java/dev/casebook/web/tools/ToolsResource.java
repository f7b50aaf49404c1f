package dev.casebook.web.tools;

import dev.casebook.web.error.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tools users run in their own processes, served by the service that reads what they write. */
@Path("/v1/tools")
@Tag(name = "Tools", description = "Writers to run inside the process that leaks")
public class ToolsResource {

    static final String PYTHON = "text/x-python";
    private final byte[] pyheap = load("/tools/pyheap.py");

    private static byte[] load(String resource) {
        try (InputStream in = ToolsResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/pyheap.py")
    @Produces(PYTHON + ";charset=utf-8")
    @Operation(summary = "The CPython heap snapshot writer",
            description = "One file, no dependencies, Python 3.8+: import pyheap; pyheap.dump('/tmp/app.pyheap.gz',"
                    + " targets=[leaked]), then upload the file to POST /v1/jobs.")
    @APIResponse(responseCode = "200", description = "pyheap.py",
            content = @Content(mediaType = PYTHON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "406", description = "Only text/x-python is offered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public byte[] pyheap() {
        return pyheap;
    }
}
