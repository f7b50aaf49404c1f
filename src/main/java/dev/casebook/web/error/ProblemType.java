package dev.casebook.web.error;

/**
 * Every kind of problem Casebook answers with, in one place: the last segment of its {@code type} URI,
 * its status and its title. Bots match on the type, so a type, once published, keeps its name.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", 400, "The request is not valid"),
    MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
    NESTING_TOO_DEEP("nesting-too-deep", 400, "The body nests too deep"),
    BAD_UPLOAD("bad-upload", 400, "The upload could not be read"),
    FORMATS_DIFFER("formats-differ", 400, "The jobs' dumps are of different formats"),
    REQUEST_INCOMPLETE("request-incomplete", 400, "The request was cut short"),
    AUTHENTICATION_REQUIRED("authentication-required", 401, "An API key is required"),
    INVALID_API_KEY("invalid-api-key", 401, "The API key is not valid"),
    NOT_FOUND("not-found", 404, "Not found"),
    JOB_NOT_FOUND("job-not-found", 404, "No such job"),
    NOT_IN_DOMINATOR_TREE("not-in-dominator-tree", 404, "No such node in the dominator tree"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    JOB_NOT_SUCCEEDED("job-not-succeeded", 409, "The job has no result"),
    NO_DOMINATOR_TREE("no-dominator-tree", 409, "The job kept no dominator tree"),
    NO_CENSUS("no-census", 409, "The job kept no census"),
    REQUEST_TOO_LARGE("request-too-large", 413, "The request is too large"),
    DUMP_TOO_LARGE("dump-too-large", 413, "The dump is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNSUPPORTED_DUMP("unsupported-dump", 415, "Not a dump Casebook reads"),
    LANGUAGE_REFUSES_BODY("language-refuses-body", 422, "The profile's language refuses this body"),
    QUEUE_FULL("queue-full", 429, "Too many jobs waiting"),
    TOO_MANY_JOBS("too-many-jobs", 429, "Too many jobs under way"),
    TOO_MANY_FAILED_AUTHENTICATIONS("too-many-failed-authentications", 429, "Too many failed authentications"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    STORE_UNAVAILABLE("store-unavailable", 503, "The job store cannot be reached"),
    INSUFFICIENT_STORAGE("insufficient-storage", 507, "Not enough disk space");

    /** What every type URI starts with. */
    public static final String BASE = "https://casebook.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
