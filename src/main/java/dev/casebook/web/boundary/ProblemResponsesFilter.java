package dev.casebook.web.boundary;

import dev.casebook.web.auth.AuthFilter;
import dev.casebook.web.error.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents the problem answers every operation can give, so that no endpoint repeats them and
 * none forgets them: 500 everywhere, 415 where a request body is taken. Answers an operation
 * documents itself (with its own wording) are left as they are. Operations behind an API key say so.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String API_KEY = "apiKey";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (cbk_...), when the service is configured with keys; see the README"));
        for (Map.Entry<String, PathItem> item : openAPI.getPaths().getPathItems().entrySet()) {
            boolean open = AuthFilter.isPublic(item.getKey().replace("{id}", "x"));
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getValue().getOperations().entrySet()) {
                Operation op = entry.getValue();
                APIResponses responses = op.getResponses() != null ? op.getResponses() : OASFactory.createAPIResponses();
                if (op.getRequestBody() != null) {
                    addIfMissing(responses, "415", "The request is not application/json");
                }
                if (!open) {
                    op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY));
                    addIfMissing(responses, "401", "No API key, or not a valid one (when the service has keys)");
                }
                addIfMissing(responses, "500", "An unexpected failure; nothing sent was stored");
                op.setResponses(responses);
            }
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        responses.addAPIResponse(status, response);
    }
}
