package dev.casebook.web;

import dev.casebook.core.canon.profile.ProfileCatalog;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What is answering: lets a bot check the version it talks to before relying on a field. */
@Path("/v1/info")
@Tag(name = "Service")
public class InfoResource {

    @Schema(name = "Info")
    public record Info(@Schema(example = "casebook") String name, @Schema(example = "0.1.0") String version,
                       @Schema(description = "How many encoder profiles /v1/profiles lists", example = "24") int profiles) {
    }

    private final Info info;

    public InfoResource(ProfileCatalog catalog, @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.info = new Info("casebook", version, catalog.all().size());
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The service's name and version")
    @APIResponse(responseCode = "200", description = "Name and version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Info.class)))
    public Info info() {
        return info;
    }
}
