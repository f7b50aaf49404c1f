package dev.casebook.web.jobs.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.jobs.JobQuery;
import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Turns a row of {@code jobs} into a {@link JobRecord} and a query into the JSON its column holds. */
final class JobRows {

    /** The columns every read selects, in the order {@link #record} reads them. */
    static final String COLUMNS = "id, owner, state, format, query::text AS query, dump_bytes, compressed, created_at,"
            + " started_at, finished_at, error_title, error_detail, attempts";

    private final ObjectMapper mapper;

    JobRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JobRecord record(ResultSet rs) throws SQLException {
        JobState state = JobState.ofApiName(rs.getString("state"));
        if (state == null) {
            throw new SQLException("job " + rs.getString("id") + " has an unknown state " + rs.getString("state"));
        }
        return new JobRecord(rs.getString("id"), rs.getString("owner"), state, rs.getString("format"),
                query(rs.getString("query")), rs.getLong("dump_bytes"), rs.getBoolean("compressed"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), rs.getString("error_title"), rs.getString("error_detail"),
                rs.getInt("attempts"));
    }

    String json(JobQuery query) {
        try {
            return mapper.writeValueAsString(query);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobQuery query(String json) throws SQLException {
        try {
            return mapper.readValue(json, JobQuery.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable job query: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
