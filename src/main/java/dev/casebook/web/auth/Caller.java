package dev.casebook.web.auth;

/** Who is asking: the owner a key maps to, and its role. */
public record Caller(String owner, Role role) {

    /** Everyone, when the service runs without keys on loopback (the embedded default). */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this caller may see and act on a job of {@code jobOwner}. */
    public boolean mayAccess(String jobOwner) {
        return isAdmin() || owner.equals(jobOwner);
    }
}
