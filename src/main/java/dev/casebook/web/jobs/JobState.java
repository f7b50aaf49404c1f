package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** queued -> running -> succeeded | failed | cancelled. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The state for an API name ({@code queued}), or null. */
    public static JobState ofApiName(String name) {
        for (JobState s : values()) {
            if (s.apiName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
