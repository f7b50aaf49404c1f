package dev.casebook.web.jobs.shared;

/** What a replica's runner reports beyond job outcomes, for its metrics. */
public interface ReplicaEvents {

    /** It claimed a job; a takeover when an earlier start of it ended with its replica gone. */
    void claimed(boolean takeover);

    /** A job it ran was no longer its own when it renewed the lease or tried to finish it. */
    void leaseLost();

    static ReplicaEvents none() {
        return new ReplicaEvents() {
            @Override
            public void claimed(boolean takeover) {
            }

            @Override
            public void leaseLost() {
            }
        };
    }
}
