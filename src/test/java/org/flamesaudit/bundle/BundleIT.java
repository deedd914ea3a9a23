package org.flamesaudit.bundle;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.flamesaudit.support.Sha256;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, reproduction bundles: a reviewed run's bundle holds every answer and a manifest whose signature verifies;
 * a second server with a database of its own imports it with identical metrics; a bundle with one changed answer is
 * refused with the file and line named, a re-hashed one by its signature, and an unsigned one whose figures do not
 * follow from its items by the metric that differs.
 */
class BundleIT {

    private static final ApiClient AUDITOR = ApiClient.fromSystemProperties();

    @Test
    void aBundleIsImportedElsewhereWithIdenticalMetricsAndATamperedOneIsRefused() throws Exception {
        // a Flames-1k audit of a stub model judged by a stub judge (known, deterministic verdicts)
        long flames = AUDITOR.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id")
                .longValue();
        long runId;
        try (org.flamesaudit.testsupport.OpenAiStub stub = new org.flamesaudit.testsupport.OpenAiStub()) {
            JsonObject run = AUDITOR.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(flames, stub,
                    "bundle-model", stub, 8).build(), Duration.ofMinutes(5));
            assertThat(run.getString("status")).isEqualTo("COMPLETED");
            runId = run.getJsonNumber("id").longValue();
        }
        JsonObject three = AUDITOR.get("/api/runs/" + runId + "/items?score=3&size=1").body().getJsonArray("items")
                .getJsonObject(0);
        assertThat(AUDITOR.as("reviewer").post("/api/runs/" + runId + "/items/" + three.getJsonNumber("promptId")
                + "/review", Json.createObjectBuilder().add("score", 1).add("justification", "复核改判").build())
                .status()).isEqualTo(201);
        JsonObject metrics = AUDITOR.get("/api/runs/" + runId + "/metrics").body();
        int total = AUDITOR.get("/api/runs/" + runId).body().getJsonObject("progress").getInt("total");

        ApiClient.Download download = AUDITOR.as("regulator").download("/api/runs/" + runId + "/bundle");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/zip");
        Map<String, byte[]> files = unzip(download.body());
        assertThat(files.keySet()).contains("manifest.json", "manifest.json.p7s", "run.json", "items.jsonl",
                "metrics.json").anyMatch(n -> n.startsWith("reports/") && n.endsWith(".pdf"))
                .anyMatch(n -> n.startsWith("reports/") && n.endsWith(".xlsx"));
        String[] items = text(files.get("items.jsonl")).split("\n");
        assertThat(items).hasSize(total).hasSize(1000);
        assertThat(items).filteredOn(l -> l.contains("\"reviewedBy\":\"reviewer\"")).hasSize(1);
        // the review with its justification, and the scorer's card
        assertThat(text(files.get("reviews.jsonl")).strip().split("\n")).singleElement().satisfies(r -> assertThat(r)
                .contains("\"reviewer\":\"reviewer\"", "\"justification\":\"复核改判\"", "\"score\":1",
                        "\"scorerScore\":3"));
        assertThat(json(files.get("scorer-card.json")).getBoolean("official")).isFalse();
        JsonObject manifest = json(files.get("manifest.json"));
        assertThat(manifest.getString("format")).isEqualTo("flames-audit-bundle/1");
        assertThat(manifest.getString("reportId")).isEqualTo(download.header("X-Report-Id"));
        for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            assertThat(Sha256.of(files.get(f.getString("path")))).as(f.getString("path"))
                    .isEqualTo(f.getString("sha256"));
        }
        assertThat(signatureHolds(files.get("manifest.json"), files.get("manifest.json.p7s"))).isTrue();
        // the README's check without Flames Audit: OpenSSL verifies the detached signature over the manifest
        if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            Path dir = java.nio.file.Files.createDirectories(Path.of("target", "bundle-it"));
            java.nio.file.Files.write(dir.resolve("manifest.json"), files.get("manifest.json"));
            java.nio.file.Files.write(dir.resolve("manifest.json.p7s"), files.get("manifest.json.p7s"));
            Process openssl = new ProcessBuilder("/usr/bin/openssl", "cms", "-verify", "-binary", "-inform", "DER",
                    "-in", "manifest.json.p7s", "-content", "manifest.json", "-noverify", "-out", "/dev/null")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(openssl.waitFor()).as(said).isZero();
            assertThat(said).contains("Verification successful");
        }
        byte[] pdf = files.entrySet().stream().filter(e -> e.getKey().endsWith(".pdf")).findFirst().orElseThrow()
                .getValue();
        assertThat(AUDITOR.as("regulator").post("/api/reports/verify", pdf, "application/pdf").body()
                .getBoolean("issued")).isTrue();

        // a second Flames Audit with a database of its own
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        try (ServerProcess other = new ServerProcess(serverHome, serverHome.getParent().resolve("bundle-it-server"),
                700).nodeName("bundle-it-node").prepareFreshBaseDir()) {
            other.start(Duration.ofMinutes(3));
            ApiClient there = new ApiClient(other.baseUrl()).as("auditor");
            // on PostgreSQL the second server shares the IT server's database, and sees its imports
            int before = there.get("/api/bundles").body().getJsonArray("items").size();
            ApiClient.Reply imported = there.post("/api/bundles", download.body(), "application/zip");
            assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(201);
            JsonObject b = imported.body();
            assertThat(b.getJsonNumber("sourceRunId").longValue()).isEqualTo(runId);
            assertThat(b.getString("reportId")).isEqualTo(download.header("X-Report-Id"));
            assertThat(b.getInt("items")).isEqualTo(total);
            assertThat(b.getString("signer")).contains("Flames Audit report signing");
            // signed, but by the first server's key, which this one was not told to trust
            assertThat(b.getBoolean("signerTrusted")).isFalse();
            JsonObject recomputed = b.getJsonObject("metrics");
            assertThat(recomputed.getJsonObject("overall")).isEqualTo(metrics.getJsonObject("overall"));
            assertThat(recomputed.getJsonObject("dimensions")).isEqualTo(metrics.getJsonObject("dimensions"));
            assertThat(recomputed.getInt("reviewed")).isEqualTo(1);
            assertThat(there.get("/api/bundles").body().getJsonArray("items")).hasSize(before + 1);
            assertThat(there.get("/api/audit-log?type=action").body().getJsonArray("items").getValuesAs(
                    JsonObject.class)).anyMatch(a -> a.getString("action").equals("bundle-imported")
                    && a.getString("detail").contains("bundle of run " + runId));

            // one changed answer: refused, the file and the line named
            Map<String, byte[]> changed = new LinkedHashMap<>(files);
            String[] lines = items.clone();
            lines[2] = lines[2].replaceFirst("\"answer\":\"", "\"answer\":\"（改）");
            changed.put("items.jsonl", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            ApiClient.Reply refused = there.post("/api/bundles", zip(changed), "application/zip");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().getString("error")).contains("items.jsonl line 3: the line differs");

            // ... with the manifest's hashes brought in line: the signature no longer matches
            Map<String, byte[]> rehashed = withManifestFor(changed, manifest);
            ApiClient.Reply forged = there.post("/api/bundles", zip(rehashed), "application/zip");
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.body().getString("error")).contains("manifest.json.p7s: the signature does not match");

            // ... unsigned, with a score changed: the figures no longer follow from the items
            Map<String, byte[]> rescored = new LinkedHashMap<>(files);
            String[] scoreLines = items.clone();
            int line = java.util.stream.IntStream.range(0, scoreLines.length)
                    .filter(i -> scoreLines[i].contains("\"state\":\"SCORED\"") && scoreLines[i].contains(
                            "\"score\":3")).findFirst().orElseThrow();
            scoreLines[line] = scoreLines[line].replace("\"scorerScore\":3", "\"scorerScore\":1")
                    .replace("\"score\":3", "\"score\":1");
            rescored.put("items.jsonl", (String.join("\n", scoreLines) + "\n").getBytes(StandardCharsets.UTF_8));
            Map<String, byte[]> unsigned = withManifestFor(rescored, manifest);
            unsigned.remove("manifest.json.p7s");
            ApiClient.Reply notSigned = there.post("/api/bundles", zip(unsigned), "application/zip");
            assertThat(notSigned.status()).isEqualTo(400);
            assertThat(notSigned.body().getString("error")).contains("manifest.json.p7s is missing");
            ApiClient.Reply inconsistent = there.post("/api/bundles?acceptUnsigned=true", zip(unsigned),
                    "application/zip");
            assertThat(inconsistent.status()).isEqualTo(400);
            assertThat(inconsistent.body().getString("error")).contains("metrics.json: ")
                    .contains("in the bundle", "recomputed", "do not follow from its items");
            assertThat(there.get("/api/bundles").body().getJsonArray("items")).as("nothing of a refused bundle is kept")
                    .hasSize(before + 1);
            assertThat(b.getInt("rescored")).isZero();
            assertThat(b.getString("rescoreNote")).contains("not the embedded scorer's");

            // a run scored by the embedded scorer: the second server scores every answer again, the same
            long demo = AUDITOR.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                    .getJsonNumber("id").longValue();
            JsonObject embeddedRun = AUDITOR.runAndWait(Json.createObjectBuilder()
                    .add("datasetId", demo)
                    .add("target", Json.createObjectBuilder().add("connector", "replay").add("file",
                            ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()))
                    .add("scorer", Json.createObjectBuilder().add("type", "djl")).build(), Duration.ofMinutes(3));
            assertThat(embeddedRun.getString("status")).isEqualTo("COMPLETED");
            long embeddedId = embeddedRun.getJsonNumber("id").longValue();
            long verdicts = text(files(AUDITOR.download("/api/runs/" + embeddedId + "/bundle").body(), "items.jsonl"))
                    .lines().filter(l -> l.contains("\"scoreStatus\":\"")).count();
            ApiClient.Reply reproduced = there.post("/api/bundles", AUDITOR.download("/api/runs/" + embeddedId
                    + "/bundle").body(), "application/zip");
            assertThat(reproduced.status()).as(String.valueOf(reproduced.body())).isEqualTo(201);
            assertThat(reproduced.body().getInt("rescored")).isEqualTo((int) verdicts).isPositive();
            assertThat(reproduced.body().containsKey("rescoreNote")).isFalse();
        }
    }

    private static byte[] files(byte[] zip, String name) throws Exception {
        return unzip(zip).get(name);
    }

    /** The files with a manifest whose file and line hashes match them (the signature left as it was). */
    private static Map<String, byte[]> withManifestFor(Map<String, byte[]> files, JsonObject manifest) {
        var list = Json.createArrayBuilder();
        for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            byte[] content = files.get(f.getString("path"));
            var entry = Json.createObjectBuilder(f).add("sha256", Sha256.of(content)).add("bytes", content.length);
            if (f.containsKey("lineSha256")) {
                var hashes = Json.createArrayBuilder();
                for (String l : text(content).split("\n")) {
                    hashes.add(Sha256.of(l.getBytes(StandardCharsets.UTF_8)));
                }
                entry.add("lineSha256", hashes);
            }
            list.add(entry);
        }
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.put("manifest.json", (Json.createObjectBuilder(manifest).add("files", list).build() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static boolean signatureHolds(byte[] manifest, byte[] signature) throws Exception {
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
        SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates().getMatches(info.getSID())
                .iterator().next();
        return info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static JsonObject json(byte[] b) {
        return Json.createReader(new java.io.StringReader(text(b))).readObject();
    }

}
