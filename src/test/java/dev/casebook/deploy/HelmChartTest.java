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
import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.config.StoreConfig;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/casebook with the Helm library (helm-java) and checks the manifests. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "casebook");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static String renderText(UnaryOperator<TemplateCommand> options) {
        return options.apply(new Helm(CHART).template().withName("cb")).call();
    }

    /** The message of a render the chart refuses ({@code fail}); fails the test if it renders. */
    static String renderFailure(UnaryOperator<TemplateCommand> options) {
        try {
            String out = renderText(options);
            throw new AssertionError("rendered, but should have failed:\n" + out);
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    static Map<String, JsonNode> render(UnaryOperator<TemplateCommand> options) throws Exception {
        String out = renderText(options);
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

    // --- Store: local (default) and shared (issue 18) ---------------------------------------------------

    /** The values a shared-store install must give, and a few it may. */
    static TemplateCommand shared(TemplateCommand t) {
        return t.set("store.kind", "shared")
                .set("replicaCount", "3")
                .set("store.postgres.jdbcUrl", "jdbc:postgresql://db.example:5432/casebook")
                .set("store.postgres.existingSecret", "casebook-db")
                .set("store.s3.endpoint", "http://minio.example:9000")
                .set("store.s3.bucket", "casebook-dumps")
                .set("store.s3.pathStyle", "true")
                .set("store.s3.existingSecret", "casebook-bucket");
    }

    @Test
    void defaultRenderIsByteForByteWhatItWasBeforeTheSharedStore() throws IOException {
        // Rendered from the chart before store.* existed. A deliberate change to the default manifests
        // (or a chart version bump, which is in a label) regenerates this file with the new render.
        String before = Files.readString(Path.of("src/test/resources/helm/casebook-default-render.yaml"));
        assertEquals(before, renderText(t -> t));
        assertEquals(before, renderText(t -> t.set("store.kind", "local").set("replicaCount", "1")), "local, said out loud");
    }

    @Test
    void sharedStoreHasNoClaimAndRollsOneReplicaAtATime() throws Exception {
        Map<String, JsonNode> all = render(HelmChartTest::shared);
        assertNull(all.get("PersistentVolumeClaim"), "no claim in shared mode");
        JsonNode deployment = all.get("Deployment");
        assertEquals(3, deployment.at("/spec/replicas").asInt(), "replicaCount honoured");
        assertEquals("RollingUpdate", deployment.at("/spec/strategy/type").asText());
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1));
        assertEquals(1, deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        assertEquals(60, pod.at("/terminationGracePeriodSeconds").asInt(), "time to hand work back");
        assertEquals(2, pod.at("/volumes").size(), "scratch and /tmp: " + pod.at("/volumes"));
        JsonNode scratch = pod.at("/volumes/0");
        assertEquals("scratch", scratch.at("/name").asText());
        assertEquals("40Gi", scratch.at("/emptyDir/sizeLimit").asText());
        assertFalse(pod.toString().contains("persistentVolumeClaim"), pod.toString());

        JsonNode mount = pod.at("/containers/0/volumeMounts/0");
        assertEquals("scratch", mount.at("/name").asText());
        JsonNode config = all.get("ConfigMap").at("/data");
        String scratchDir = config.at("/CASEBOOK_STORE_SCRATCH_DIR").asText();
        assertTrue(scratchDir.startsWith(mount.at("/mountPath").asText() + "/"), scratchDir + " on the scratch volume");
        assertTrue(config.at("/CASEBOOK_DATA_DIR").asText().startsWith(mount.at("/mountPath").asText()),
                "uploads (data dir) and scratch share one filesystem, so a part is moved, not copied");

        Map<String, JsonNode> otherSize = render(t -> shared(t).set("store.scratch.sizeLimit", "100Gi")
                .set("store.terminationGracePeriodSeconds", "120"));
        JsonNode otherPod = otherSize.get("Deployment").at("/spec/template/spec");
        assertEquals("100Gi", otherPod.at("/volumes/0/emptyDir/sizeLimit").asText());
        assertEquals(120, otherPod.at("/terminationGracePeriodSeconds").asInt());
        assertNull(render(t -> shared(t).set("persistence.existingClaim", "old-data")).get("PersistentVolumeClaim"));
    }

    @Test
    void sharedStoreSettingsGoToTheConfigMapAndItsSecretsComeFromSecrets() throws Exception {
        Map<String, JsonNode> all = render(HelmChartTest::shared);
        JsonNode config = all.get("ConfigMap").at("/data");
        assertEquals("shared", config.at("/CASEBOOK_STORE_KIND").asText());
        assertEquals("60s", config.at("/CASEBOOK_STORE_LEASE").asText());
        assertEquals("15s", config.at("/CASEBOOK_STORE_HEARTBEAT").asText());
        assertEquals("/data/scratch", config.at("/CASEBOOK_STORE_SCRATCH_DIR").asText());
        assertEquals("jdbc:postgresql://db.example:5432/casebook", config.at("/QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals("http://minio.example:9000", config.at("/CASEBOOK_STORE_S3_ENDPOINT").asText());
        assertEquals("casebook-dumps", config.at("/CASEBOOK_STORE_S3_BUCKET").asText());
        assertEquals("us-east-1", config.at("/CASEBOOK_STORE_S3_REGION").asText());
        assertEquals("true", config.at("/CASEBOOK_STORE_S3_PATH_STYLE").asText());

        JsonNode env = all.get("Deployment").at("/spec/template/spec/containers/0/env");
        Map<String, String> refs = new HashMap<>();
        for (JsonNode e : env) {
            assertTrue(e.at("/value").isMissingNode(), "no secret in clear: " + e);
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            refs.put(e.at("/name").asText(), ref.at("/name").asText() + "/" + ref.at("/key").asText());
        }
        assertEquals(Map.of(
                "QUARKUS_DATASOURCE_USERNAME", "casebook-db/username",
                "QUARKUS_DATASOURCE_PASSWORD", "casebook-db/password",
                "CASEBOOK_STORE_S3_ACCESS_KEY", "casebook-bucket/access-key",
                "CASEBOOK_STORE_S3_SECRET_KEY", "casebook-bucket/secret-key"), refs);
        for (String secret : List.of("casebook-db", "casebook-bucket")) {
            assertFalse(all.get("ConfigMap").toString().contains(secret), "secret names only in secretKeyRefs");
        }

        // AWS: no endpoint, the bucket's region, virtual-host URLs.
        JsonNode aws = render(t -> shared(t).set("store.s3.endpoint", "").set("store.s3.region", "eu-west-1")
                .set("store.s3.pathStyle", "false")).get("ConfigMap").at("/data");
        assertTrue(aws.at("/CASEBOOK_STORE_S3_ENDPOINT").isMissingNode(), "no endpoint: the SDK finds AWS's");
        assertEquals("eu-west-1", aws.at("/CASEBOOK_STORE_S3_REGION").asText());
        assertEquals("false", aws.at("/CASEBOOK_STORE_S3_PATH_STYLE").asText());

        // Local mode sets none of it, so the service's own defaults (local, no database) hold.
        JsonNode local = render(t -> t).get("ConfigMap").at("/data");
        local.fieldNames().forEachRemaining(name -> assertFalse(name.startsWith("CASEBOOK_STORE_") || name.startsWith("QUARKUS_DATASOURCE_"), name));
        assertTrue(render(t -> t).get("Deployment").at("/spec/template/spec/containers/0/env").isMissingNode());
    }

    @Test
    void sharedStoreEnvironmentNamesTheServicesOwnSettings() throws Exception {
        // Every casebook.store.* setting has an environment entry (kebab-case, upper, underscores), and the
        // chart's defaults are the service's.
        Set<String> expected = new TreeSet<>();
        for (Method m : CasebookConfig.Store.class.getDeclaredMethods()) {
            expected.add(env("casebook.store.", m.getName()));
        }
        for (Method m : StoreConfig.S3.class.getDeclaredMethods()) {
            expected.add(env("casebook.store.s3.", m.getName()));
        }
        Map<String, JsonNode> all = render(HelmChartTest::shared);
        Set<String> set = new TreeSet<>();
        all.get("ConfigMap").at("/data").fieldNames().forEachRemaining(set::add);
        all.get("Deployment").at("/spec/template/spec/containers/0/env").forEach(e -> set.add(e.at("/name").asText()));
        set.removeIf(name -> !name.startsWith("CASEBOOK_STORE_"));
        assertEquals(expected, set);

        java.util.Properties app = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        JsonNode config = all.get("ConfigMap").at("/data");
        assertEquals(app.getProperty("casebook.store.lease"), config.at("/CASEBOOK_STORE_LEASE").asText());
        assertEquals(app.getProperty("casebook.store.heartbeat"), config.at("/CASEBOOK_STORE_HEARTBEAT").asText());
        assertEquals(StoreConfig.S3.class.getMethod("region").getAnnotation(WithDefault.class).value(),
                config.at("/CASEBOOK_STORE_S3_REGION").asText());
    }

    private static String env(String prefix, String method) {
        String kebab = method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return (prefix + kebab).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Test
    void localStoreRefusesSeveralReplicas() throws Exception {
        String message = renderFailure(t -> t.set("replicaCount", "2"));
        assertTrue(message.contains("replicas cannot share one data directory"), message);
        assertTrue(message.contains("store.kind=shared"), "says what to do: " + message);
        message = renderFailure(t -> t.set("replicaCount", "2").set("persistence.enabled", "false"));
        assertTrue(message.contains("replicas cannot share one data directory"), "an emptyDir each is no better: " + message);
        assertEquals(1, render(t -> t).get("Deployment").at("/spec/replicas").asInt());
        assertEquals(1, render(t -> shared(t).set("replicaCount", "1")).get("Deployment").at("/spec/replicas").asInt());
        message = renderFailure(t -> t.set("store.kind", "s3"));
        assertTrue(message.contains("store.kind must be local or shared"), message);
    }

    @Test
    void sharedStoreRefusesToRenderWithoutItsDatabaseOrBucket() {
        for (String required : List.of("store.postgres.jdbcUrl", "store.postgres.existingSecret", "store.s3.bucket", "store.s3.existingSecret")) {
            String message = renderFailure(t -> shared(t).set(required, ""));
            assertTrue(message.contains("store.kind=shared needs " + required + " "), message);
        }
        String message = renderFailure(t -> t.set("store.kind", "shared"));
        for (String required : List.of("store.postgres.jdbcUrl", "store.postgres.existingSecret", "store.s3.bucket", "store.s3.existingSecret")) {
            assertTrue(message.contains(required), "all missing values named at once: " + message);
        }
    }

    @Test
    void lintsCleanInStrictModeWithASharedStore(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("casebook");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = chart.resolve(CHART.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path values = chart.resolve("values.yaml");
        String text = Files.readString(values);
        for (String[] change : new String[][] {
                {"\nreplicaCount: 1\n", "\nreplicaCount: 3\n"},
                {"\n  kind: local\n", "\n  kind: shared\n"},
                {"\n    jdbcUrl: \"\"\n", "\n    jdbcUrl: \"jdbc:postgresql://db:5432/casebook\"\n"},
                {"\n    existingSecret: \"\"\n  s3:", "\n    existingSecret: casebook-db\n  s3:"},
                {"\n    bucket: \"\"\n", "\n    bucket: casebook-dumps\n"},
                {"\n    existingSecret: \"\"\n  scratch:", "\n    existingSecret: casebook-bucket\n  scratch:"}}) {
            assertEquals(1, text.split(java.util.regex.Pattern.quote(change[0]), -1).length - 1, change[0]);
            text = text.replace(change[0], change[1]);
        }
        Files.writeString(values, text);
        LintResult result = new Helm(chart).lint().strict().call();
        assertFalse(result.isFailed(), "helm lint --strict (shared): " + result.getMessages());
        assertTrue(new Helm(chart).template().withName("cb").call().contains("CASEBOOK_STORE_KIND: \"shared\""), "the copy is in shared mode");
    }
}
