package dev.casebook.web.jobs;

import dev.casebook.core.heap.dominator.DominatorIndex;
import dev.casebook.web.auth.Caller;
import dev.casebook.web.auth.CurrentCaller;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import dev.casebook.web.error.ProblemType;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Heap dumps as jobs: upload, poll, list, cancel or delete. */
@Path("/v1/jobs")
@Tag(name = "Heap jobs", description = "Upload a heap dump; get the shortest chains of strong references from GC roots to the objects you name")
public class JobsResource {

    private final JobStore store;
    private final JobRunner runner;
    private final DumpIntake intake;
    private final Clock clock;
    private final CurrentCaller caller;

    public JobsResource(JobStore store, JobRunner runner, DumpIntake intake, Clock clock, CurrentCaller caller) {
        this.store = store;
        this.runner = runner;
        this.intake = intake;
        this.clock = clock;
        this.caller = caller;
    }

    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/gzip", "application/x-gzip"})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @DumpUpload
    @Operation(summary = "Upload a dump as the request body",
            description = "The dump (HPROF or pyheap, optionally gzip-compressed) is the body; targets and options are query"
                    + " parameters. Without targets the job is a triage of the whole heap (every job triages it too)."
                    + " It is streamed to disk, never held in memory. Returns 202 and the queued job.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "hprof", summary = "curl --data-binary @app.hprof",
                    description = "The dump's bytes, as written by jcmd GC.heap_dump or HotSpotDiagnosticMXBean.dumpHeap",
                    value = "JAVA PROFILE 1.0.2...")))
    @APIResponse(responseCode = "202", description = "Accepted and queued",
            headers = @Header(name = "Location", description = "/v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "A bad, unknown or repeated parameter (named in errors), an empty or"
            + " cut-off upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Over the upload limit, or inflates past its cap",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The queue is full; retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Shared mode: the job database or the bucket did not answer; nothing"
            + " was stored, retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "507", description = "Not enough disk space for the dump",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(InputStream body,
            @Parameter(description = "An object id, hex (0x7f3a...) or decimal; repeatable") @RestQuery("objectId") List<String> objectIds,
            @Parameter(description = "Every instance of this class: its binary name (com.example.Outer$Inner), canonical name"
                    + " (com.example.Outer.Inner) or, when only one class has it, simple name (Inner); arrays as java.lang.Object[];"
                    + " Python: module.QualName or the bare type name; repeatable")
            @RestQuery("className") List<String> classNames,
            @Parameter(description = "Whether className counts the instances of its subclasses too (default false)")
            @RestQuery String subclasses,
            @Parameter(description = "Chains listed per target (0-1000, default 10); groups count all instances") @RestQuery String maxChains,
            @Parameter(description = "auto (default), hprof or pyheap") @RestQuery String format,
            @Parameter(description = "Whether weak, soft, phantom and finalizer references may be part of a chain (default false)")
            @RestQuery String includeWeak,
            @Parameter(description = "Histogram rows kept, largest retained size first (0-10000, default 50)")
            @RestQuery String histogramLimit,
            @Parameter(description = "The share of the reachable heap, in percent, that a leak suspect retains at least (default 10)")
            @RestQuery String suspectThreshold,
            @RestHeader("Content-Encoding") String contentEncoding,
            @RestHeader("Content-Length") String contentLength,
            @Context UriInfo uriInfo) throws IOException {
        // The parameters above document the endpoint; they are read, with any unknown one, from the whole query.
        JobQuery query = JobQueryParser.parse(JobQueryParser.queryParameters(uriInfo.getRequestUri().getRawQuery()),
                "query parameter");
        try (JobRunner.Admission place = runner.admit(caller.get().owner())) {
            DumpIntake.Intake dump = intake.receive(body, isGzip(contentEncoding), declaredLength(contentLength));
            return accept(query, dump, place.owner());
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @DumpUpload
    @Operation(summary = "Upload a dump as a multipart form",
            description = "The dump is the file part \"dump\"; targets and options are the form fields objectId, className,"
                    + " subclasses, maxChains, format, includeWeak, histogramLimit, suspectThreshold.")
    @APIResponse(responseCode = "202", description = "Accepted and queued",
            headers = @Header(name = "Location", description = "/v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "No dump part, a bad, unknown or repeated field (named in errors),"
            + " or a query string (a form takes its targets as fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Over the upload limit, or inflates past its cap",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The queue is full; retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Shared mode: the job database or the bucket did not answer; nothing"
            + " was stored, retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "507", description = "Not enough disk space for the dump",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            examples = @ExampleObject(name = "form", summary = "curl -F dump=@app.hprof -F className=com.example.Room",
                    value = "{\"dump\": \"(the HPROF file, raw or gzip)\", \"className\": \"com.example.Room\", \"maxChains\": \"3\"}")))
    public Response submitForm(@RestForm("dump") @Schema(type = SchemaType.STRING, format = "binary") FileUpload dump,
            @RestForm("objectId") List<String> objectIds,
            @RestForm("className") List<String> classNames,
            @RestForm("subclasses") String subclasses,
            @RestForm("maxChains") String maxChains,
            @RestForm("format") String format,
            @RestForm("includeWeak") String includeWeak,
            @RestForm("histogramLimit") String histogramLimit,
            @RestForm("suspectThreshold") String suspectThreshold) throws IOException {
        try {
            // The fields above document the endpoint; they are read, with any unknown one, from the whole form.
            JobQuery query = JobQueryParser.parse(formFields(), "form field");
            if (dump == null || dump.uploadedFile() == null) {
                throw new BadUploadException("the form has no file part named \"dump\"; send it with curl -F dump=@app.hprof");
            }
            try (JobRunner.Admission place = runner.admit(caller.get().owner())) {
                boolean gzip = dump.contentType() != null && dump.contentType().toLowerCase(Locale.ROOT).contains("gzip");
                return accept(query, intake.adopt(dump.uploadedFile(), gzip), place.owner());
            }
        } finally {
            if (dump != null && dump.uploadedFile() != null) {
                java.nio.file.Files.deleteIfExists(dump.uploadedFile());
            }
        }
    }

    private Response accept(JobQuery query, DumpIntake.Intake dump, String owner) throws IOException {
        try (JobStore.Upload upload = dump.upload()) {
            String format = query.format().equals("auto") ? dump.format() : query.format();
            if (!format.equals(dump.format()) || format.equals("unknown")) {
                throw new UnsupportedDumpException(formatMismatch(query.format(), dump.format()));
            }
            JobRecord job = store.create(new JobRecord(upload.id(), owner, JobState.QUEUED, format, query,
                    dump.bytes(), dump.compressed(), clock.instant(), null, null, null, null, 0), upload);
            runner.submit(job);
            // The contract's Location is the path itself, not an absolute URL built from the Host header.
            return Response.accepted(JobView.of(job, null, null)).header("Location", "/v1/jobs/" + job.id()).build();
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job: its state, progress while it runs, its error or its result")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job (or not yours)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@PathParam("id") String id) throws IOException {
        JobRecord job = visible(id);
        String result = job.state() == JobState.SUCCEEDED
                ? store.result(id).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null)
                : null;
        return JobView.of(job, runner.progress(id), result);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Your jobs, newest first, without their results (an admin key lists every owner's)")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "An unknown state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<JobView> list(@Parameter(description = "Only jobs in this state: queued, running, succeeded, failed, cancelled")
            @RestQuery String state) {
        JobState filter = null;
        if (state != null) {
            filter = JobState.ofApiName(state.trim().toLowerCase(Locale.ROOT));
            if (filter == null) {
                throw new ProblemException(Problem.invalid("state", "must be one of queued, running, succeeded, failed, cancelled"));
            }
        }
        JobState wanted = filter;
        Caller who = caller.get();
        return (who.isAdmin() ? store.all() : store.ownedBy(who.owner())).stream()
                .filter(j -> wanted == null || j.state() == wanted)
                .map(j -> JobView.of(j, j.state() == JobState.RUNNING ? runner.progress(j.id()) : null, null))
                .toList();
    }

    @GET
    @Path("/{id}/dominators")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Browse a succeeded job's dominator tree",
            description = "The children of one node, largest retained size first: parent=root (default) lists the"
                    + " top-level dominators, parent=0x... an object's. Kept with the job (the dump is not needed): the"
                    + " largest 20,000 nodes are expanded, each listing up to 1,000 children.")
    @APIResponse(responseCode = "200", description = "A page of children",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DominatorsView.class)))
    @APIResponse(responseCode = "400", description = "A bad parent, limit or offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (or not yours), or the object is not in the kept tree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The job has not succeeded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DominatorsView dominators(@PathParam("id") String id,
            @Parameter(description = "root (default) or an object id, hex 0x... or decimal") @RestQuery String parent,
            @Parameter(description = "Children per page (1-1000, default 50)") @RestQuery String limit,
            @Parameter(description = "Children to skip (default 0)") @RestQuery String offset) throws IOException {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        int pageSize = JobQueryParser.wholeNumber(limit, "limit", 50, 1, 1000, errors);
        int skip = JobQueryParser.wholeNumber(offset, "offset", 0, 0, Integer.MAX_VALUE, errors);
        Long parentId = null;
        if (parent != null && !parent.trim().equalsIgnoreCase("root")) {
            try {
                parentId = JobQueryParser.parseId(parent.trim());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("parent", "must be root or an object id (hex 0x7f3a... or decimal)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        JobRecord job = visible(id);
        if (job.state() != JobState.SUCCEEDED) {
            throw new ProblemException(Problem.of(ProblemType.JOB_NOT_SUCCEEDED,
                    "the job is " + job.state().apiName() + "; its dominator tree exists once it has succeeded"));
        }
        byte[] kept = store.dominators(id).orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NO_DOMINATOR_TREE,
                "the job ran before dominator trees were kept; upload the dump again")));
        DominatorIndex index = DominatorIndex.read(new java.io.ByteArrayInputStream(kept));
        DominatorIndex.Page page = parentId == null ? index.root(skip, pageSize) : index.children(parentId, skip, pageSize);
        if (page == null) {
            throw new ProblemException(Problem.of(ProblemType.NOT_IN_DOMINATOR_TREE,
                    HeapAnalysis.hex(parentId) + " is not among the nodes kept with this job (the largest "
                            + DominatorIndex.MAX_EXPANDED + " and their children); browse down from parent=root"));
        }
        return DominatorsView.of(page);
    }

    @GET
    @Path("/{id}/growth")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What grew between dumps of one program",
            description = "Compares the census each succeeded job kept (per class and path shape) with those of the"
                    + " baselines, oldest first: before (the oldest), after (this job), delta, the instances at each step and"
                    + " whether every step grew; shapes that did not change are left out. Needs no dump. Also the class"
                    + " histogram's delta.")
    @APIResponse(responseCode = "200", description = "The changed shapes and classes, largest growth first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GrowthView.class)))
    @APIResponse(responseCode = "400", description = "No baseline, a repeated job, a bad limit, or dumps of different formats",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (or not yours), the job or a baseline",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The job or a baseline has not succeeded, or kept no census",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrowthView growth(@PathParam("id") String id,
            @Parameter(description = "A job to compare with, older dumps first; repeatable (baseline=a&baseline=b)")
            @RestQuery("baseline") List<String> baseline,
            @Parameter(description = "Rows listed of each kind (1-10000, default 100)") @RestQuery String limit)
            throws IOException {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        int rows = JobQueryParser.wholeNumber(limit, "limit", 100, 1, 10_000, errors);
        List<String> baselines = baseline == null ? List.of() : baseline.stream().map(String::trim).toList();
        if (baselines.isEmpty() || baselines.contains("")) {
            errors.add(new Problem.FieldError("baseline", "name at least one older job of yours to compare with,"
                    + " oldest first: ?baseline={id}&baseline={id}"));
        } else if (baselines.size() > MAX_BASELINES) {
            errors.add(new Problem.FieldError("baseline", "at most " + MAX_BASELINES + " baselines"));
        } else if (new java.util.HashSet<>(baselines).size() < baselines.size() || baselines.contains(id)) {
            errors.add(new Problem.FieldError("baseline", "each job may be named once, and not the job compared itself"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        List<JobRecord> jobs = new java.util.ArrayList<>();
        for (String other : baselines) {
            jobs.add(visible(other));
        }
        JobRecord job = visible(id);
        jobs.add(job);
        List<dev.casebook.core.heap.census.Census> censuses = new java.util.ArrayList<>();
        for (JobRecord j : jobs) {
            censuses.add(census(j));
        }
        for (JobRecord j : jobs) {
            if (!j.format().equals(job.format())) {
                throw new ProblemException(Problem.of(ProblemType.FORMATS_DIFFER, "job " + j.id() + " is "
                        + describe(j.format()) + " and job " + id + " " + describe(job.format())
                        + ": only dumps of one program compare"));
            }
        }
        return GrowthView.of(id, baselines, dev.casebook.core.heap.census.Growth.compare(censuses), rows);
    }

    private static final int MAX_BASELINES = 20;

    /** A succeeded job's census, or why there is none. */
    private dev.casebook.core.heap.census.Census census(JobRecord job) throws IOException {
        if (job.state() != JobState.SUCCEEDED) {
            throw new ProblemException(Problem.of(ProblemType.JOB_NOT_SUCCEEDED, "job " + job.id() + " is "
                    + job.state().apiName() + "; what it held can be compared once it has succeeded"));
        }
        byte[] kept = store.census(job.id()).orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NO_CENSUS,
                "job " + job.id() + " ran before censuses were kept; upload its dump again")));
        return dev.casebook.core.heap.census.CensusCodec.read(kept);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a queued or running job, or delete a finished one",
            description = "Deletes the dump and the result from disk at once. A cancelled job stays listed as cancelled until deleted again.")
    @APIResponse(responseCode = "204", description = "Cancelled or deleted")
    @APIResponse(responseCode = "404", description = "No such job (or not yours)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) throws IOException {
        visible(id);
        if (!runner.cancelOrDelete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private JobRecord visible(String id) {
        // Another owner's job is answered exactly like a job that does not exist: 404, not 403.
        Caller who = caller.get();
        return store.find(id).filter(j -> who.mayAccess(j.owner())).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        return new ProblemException(Problem.of(ProblemType.JOB_NOT_FOUND,
                "there is no job " + shown + " (it may have been deleted)"));
    }

    /** Why the upload is refused: what it is (or that it is neither), and what to send instead. */
    static String formatMismatch(String asked, String detected) {
        String formats = "an HPROF heap dump (starting \"JAVA PROFILE 1.0.x\": jcmd GC.heap_dump,"
                + " HotSpotDiagnosticMXBean.dumpHeap, Android Debug.dumpHprofData) or a pyheap snapshot"
                + " (GET /v1/tools/pyheap.py), raw or gzip";
        if (detected.equals("unknown")) {
            return "the upload is not a heap dump Casebook reads; send " + formats;
        }
        return "format=" + asked + " was asked for, but the upload is " + describe(detected) + "; send format="
                + detected + ", or leave format out to have it detected";
    }

    private static String describe(String format) {
        return format.equals("hprof") ? "an HPROF heap dump" : "a " + format + " snapshot";
    }

    private static boolean isGzip(String contentEncoding) {
        return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** The form's text fields by name (the file part "dump" aside), as the form parser read them. */
    private static Map<String, List<String>> formFields() {
        FormData form = CurrentRequestManager.get().getFormData();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (form != null) {
            for (String name : form) {
                if (!name.equals("dump")) {
                    fields.put(name, form.get(name).stream().map(v -> v.isFileItem() ? "" : v.getValue()).toList());
                }
            }
        }
        return fields;
    }

    static long declaredLength(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
