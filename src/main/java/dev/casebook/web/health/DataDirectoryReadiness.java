package dev.casebook.web.health;

import dev.casebook.web.config.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data directory can be written: jobs and results go there. */
@Readiness
@ApplicationScoped
public class DataDirectoryReadiness implements HealthCheck {

    private final DataDirectory dataDirectory;

    public DataDirectoryReadiness(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("data-directory").status(dataDirectory.writable()).build();
    }
}
