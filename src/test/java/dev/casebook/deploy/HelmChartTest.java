package dev.casebook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Lints and renders helm/casebook with the Helm library (helm-java) and checks the manifests. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "casebook");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Map<String, JsonNode> render(UnaryOperator<TemplateCommand> options) throws Exception {
        String out = options.apply(new Helm(CHART).template().withName("cb")).call();
        Map<String, JsonNode> byKind = new HashMap<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && doc.has("kind")) {
                    byKind.put(doc.get("kind").asText(), doc);
                }
            }
        }
        return byKind;
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), "helm lint --strict: " + result.getMessages());
    }

    @Test
    void deploymentRunsAsNonRootOnAReadOnlyRootWithProbesAndResources() throws Exception {
        JsonNode deployment = render(t -> t).get("Deployment");
        assertNotNull(deployment);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals(10001, pod.at("/securityContext/runAsUser").asInt());
        JsonNode container = pod.at("/containers/0");
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("4Gi", container.at("/resources/limits/memory").asText());
        assertEquals("1Gi", container.at("/resources/requests/memory").asText());
        assertEquals("/data", container.at("/volumeMounts/0/mountPath").asText());
        assertEquals("/tmp", container.at("/volumeMounts/1/mountPath").asText(), "a writable /tmp beside the read-only root");
        assertEquals("cb-casebook-data", pod.at("/volumes/0/persistentVolumeClaim/claimName").asText());
        assertEquals("cb-casebook", container.at("/envFrom/0/configMapRef/name").asText());
    }

    @Test
    void configMapBindsAllInterfacesAndPointsAtTheVolume() throws Exception {
        JsonNode config = render(t -> t).get("ConfigMap");
        assertEquals("0.0.0.0", config.at("/data/CASEBOOK_HTTP_HOST").asText());
        assertEquals("/data", config.at("/data/CASEBOOK_DATA_DIR").asText());
        assertEquals("8080", config.at("/data/QUARKUS_HTTP_PORT").asText());
        assertEquals("1M", config.at("/data/CASEBOOK_CANONICAL_MAX_REQUEST_SIZE").asText());
    }

    @Test
    void jobLimitsDefaultToTheServicesOwnDefaults() throws Exception {
        JsonNode config = render(t -> t).get("ConfigMap");
        java.util.Properties app = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        for (String key : List.of("max-upload-size", "max-inflated-size", "min-free-disk", "workers", "queue-size",
                "max-active-per-owner", "time-limit", "retention", "keep-dumps")) {
            String env = "CASEBOOK_JOBS_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            assertEquals(app.getProperty("casebook.jobs." + key), config.at("/data/" + env).asText(), env);
        }
    }

    @Test
    void apiKeysComeFromASecretMountedReadOnly() throws Exception {
        Map<String, JsonNode> none = render(t -> t);
        assertNull(none.get("Secret"));
        assertTrue(none.get("ConfigMap").at("/data/CASEBOOK_AUTH_KEYS_FILE").isMissingNode(), "no keys: the service refuses 0.0.0.0");

        String line = "7f3a9c21 alice user 4b1d0e7c9a2f8e6d5c4b3a2918f7e6d5 " + "ab".repeat(32);
        Map<String, JsonNode> own = render(t -> t.set("auth.keys", line));
        assertEquals(line + "\n", own.get("Secret").at("/stringData/keys").asText());
        assertEquals("/etc/casebook/auth/keys", own.get("ConfigMap").at("/data/CASEBOOK_AUTH_KEYS_FILE").asText());
        JsonNode pod = own.get("Deployment").at("/spec/template/spec");
        assertEquals("cb-casebook-api-keys", pod.at("/volumes/2/secret/secretName").asText());
        assertEquals(256, pod.at("/volumes/2/secret/defaultMode").asInt(), "0400");
        assertEquals("/etc/casebook/auth", pod.at("/containers/0/volumeMounts/2/mountPath").asText());
        assertTrue(pod.at("/containers/0/volumeMounts/2/readOnly").asBoolean());

        Map<String, JsonNode> existing = render(t -> t.set("auth.existingSecret", "casebook-keys"));
        assertNull(existing.get("Secret"), "an existing Secret is used, not made");
        assertEquals("casebook-keys", existing.get("Deployment").at("/spec/template/spec/volumes/2/secret/secretName").asText());
    }

    @Test
    void claimAndServiceByDefault() throws Exception {
        Map<String, JsonNode> all = render(t -> t);
        JsonNode pvc = all.get("PersistentVolumeClaim");
        assertEquals("50Gi", pvc.at("/spec/resources/requests/storage").asText());
        assertEquals("ReadWriteOnce", pvc.at("/spec/accessModes/0").asText());
        JsonNode service = all.get("Service");
        assertEquals(80, service.at("/spec/ports/0/port").asInt());
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
    }

    @Test
    void valuesChangeTheManifests() throws Exception {
        Map<String, JsonNode> existing = render(t -> t.set("persistence.existingClaim", "shared-dumps").set("config.extra.QUARKUS_LOG_LEVEL", "DEBUG"));
        assertNull(existing.get("PersistentVolumeClaim"), "no claim is created when an existing one is named");
        assertEquals("shared-dumps", existing.get("Deployment").at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
        assertEquals("DEBUG", existing.get("ConfigMap").at("/data/QUARKUS_LOG_LEVEL").asText());
        Map<String, JsonNode> ephemeral = render(t -> t.set("persistence.enabled", "false"));
        assertNull(ephemeral.get("PersistentVolumeClaim"));
        assertTrue(ephemeral.get("Deployment").at("/spec/template/spec/volumes/0/emptyDir").isObject());
    }
}
