package dev.casebook.web.jobs.shared;

/**
 * The object keys of one job: everything under {@code jobs/<id>/}, so that deleting a job is deleting
 * a prefix. Ids are the service's own (letters, digits, {@code -} and {@code _}); anything else could
 * reach out of its prefix and is refused.
 */
public final class JobObjectKeys {

    /** Every job's objects, and nothing else of Casebook's, are under this prefix. */
    public static final String ROOT = "jobs/";

    private JobObjectKeys() {
    }

    public static String prefix(String jobId) {
        if (jobId == null || !jobId.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException("not a job id: " + jobId);
        }
        return ROOT + jobId + "/";
    }

    public static String dump(String jobId) {
        return prefix(jobId) + "dump";
    }

    /**
     * Where one run of a job writes what it found: a prefix of its own per replica and attempt, so that a
     * replica that lost its lease and writes late never replaces what the job's new owner wrote. The
     * database row names the run whose objects count.
     */
    public static String run(String jobId, String replica, int attempt) {
        return prefix(jobId) + "runs/" + replica.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + attempt + "/";
    }

    public static String result(String runPrefix) {
        return runPrefix + "result.json";
    }

    public static String dominators(String runPrefix) {
        return runPrefix + "dominators";
    }

    public static String census(String runPrefix) {
        return runPrefix + "census";
    }
}
