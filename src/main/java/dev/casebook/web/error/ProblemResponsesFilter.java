package dev.casebook.web.error;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem answers every operation can give, so that no endpoint repeats them and
 * none forgets them: 500 everywhere, 415 where a request body is taken. Answers an operation
 * documents itself (with its own wording) are left as they are.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                Operation op = entry.getValue();
                APIResponses responses = op.getResponses() != null ? op.getResponses() : OASFactory.createAPIResponses();
                if (op.getRequestBody() != null) {
                    addIfMissing(responses, "415", "The request is not application/json");
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
