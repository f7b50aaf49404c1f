package dev.casebook.web.auth;

import java.util.Locale;

/** What a key may do: a user sees its owner's jobs, an admin sees everyone's. */
public enum Role {
    USER,
    ADMIN;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role ofApiName(String name) {
        for (Role r : values()) {
            if (r.apiName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
