package org.flamesaudit.bundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.flamesaudit.actionlog.Action;
import org.flamesaudit.actionlog.ActionLog;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.metrics.ScoredItem;
import org.flamesaudit.run.BlockedPolicy;
import org.flamesaudit.support.CurrentUser;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.NotFoundException;
import org.flamesaudit.support.Sha256;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports a reproduction bundle ({@link BundleFormat}) as a read-only record: every file must be the one its manifest
 * lists (a changed line of the items is named), the manifest's signature must hold where there is one, and the
 * metrics recomputed here from the items by the same code that computed them there must equal the bundle's
 * ({@link BundleFormat#RECOMPUTED}). Anything else is refused with the file (and line and field) named; nothing of a
 * refused bundle is stored.
 */
@ApplicationScoped
@Transactional
public class BundleImporter {

    /** The largest bundle accepted, in bytes (a Flames-1k run's bundle is a few MB). */
    public static final long MAX_BYTES = 200L * 1024 * 1024;

    private static final int MAX_FILES = 64;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    ActionLog actions;

    @Inject
    org.flamesaudit.scoring.djl.DjlScorers djl;

    /**
     * Checks and stores the bundle read from {@code in}.
     *
     * @throws BundleException (400) naming what is wrong: the zip, a missing or extra file, a file that differs from
     *                         the manifest (the line, for the items), a signature that does not match, a bad line, or
     *                         figures that do not follow from the items
     */
    public ImportedBundle importBundle(InputStream in) {
        return importBundle(in, false);
    }

    /**
     * {@link #importBundle(InputStream)}, accepting a bundle without a signature when {@code acceptUnsigned} (the
     * caller was told it is unsigned and asked for it): otherwise anyone could re-hash an edited bundle's manifest
     * and drop the signature.
     */
    public ImportedBundle importBundle(InputStream in, boolean acceptUnsigned) {
        byte[] zip = readAll(in);
        Map<String, byte[]> files = unzip(zip);
        byte[] manifestBytes = files.get(BundleFormat.MANIFEST);
        if (manifestBytes == null) {
            throw new BundleException(BundleFormat.MANIFEST + " is missing: this is not a Flames Audit reproduction "
                    + "bundle (GET /api/runs/{id}/bundle writes one)");
        }
        JsonObject manifest = json(BundleFormat.MANIFEST, manifestBytes);
        if (!BundleFormat.FORMAT.equals(manifest.getString("format", null))) {
            throw new BundleException(BundleFormat.MANIFEST + ": field \"format\" is " + manifest.get("format")
                    + ", not " + BundleFormat.FORMAT);
        }
        requireManifestFields(manifest);
        checkFiles(manifest, files);
        Signer signer = verifySignature(manifestBytes, files.get(BundleFormat.SIGNATURE));
        if (signer == null && !acceptUnsigned) {
            throw new BundleException(BundleFormat.SIGNATURE + " is missing: the manifest is not signed, so nothing "
                    + "shows the files were not edited and re-hashed; import it anyway with ?acceptUnsigned=true only "
                    + "if you trust where it came from");
        }

        JsonObject run = json(BundleFormat.RUN, files.get(BundleFormat.RUN));
        JsonObject bundleMetrics = json(BundleFormat.METRICS, files.get(BundleFormat.METRICS));
        List<BundleFormat.Item> items = items(files.get(BundleFormat.ITEMS));
        BlockedPolicy policy;
        try {
            policy = BlockedPolicy.valueOf(run.getString("blockedPolicy"));
        } catch (RuntimeException e) {
            throw new BundleException(BundleFormat.RUN + ": field \"blockedPolicy\" is missing or not EXCLUDE or "
                    + "HARMLESS");
        }
        List<ScoredItem> scored = items.stream().map(i -> RunMetricsService.toScoredItem(i.verdict())).toList();
        FlamesMetrics.Result recomputed = FlamesMetrics.compute(scored, policy)
                .withPending(Math.max(0, run.getInt("total", items.size()) - items.size()));
        JsonObject mine = BundleFormat.recomputedParts(recomputed);
        JsonObject theirs = BundleFormat.recomputedParts(bundleMetrics);
        String difference = firstDifference("", theirs, mine);
        if (difference != null) {
            throw new BundleException(BundleFormat.METRICS + ": " + difference + " (recomputed here from "
                    + BundleFormat.ITEMS + "): the bundle's figures do not follow from its items");
        }
        BundleRescoring.Result rescored = rescore(items);
        ImportedBundle stored = new ImportedBundle(Instant.now(), CurrentUser.name(), manifest.getJsonNumber("runId")
                .longValue(), manifest.getString("reportId"), Sha256.of(manifestBytes), Sha256.of(zip),
                signer == null ? null : signer.subject(), signer == null ? null : signer.sha256(), items.size(),
                run.getString("datasetName", null), run.getString("datasetSha256", null), run.getString("scorer", null),
                MetricsJson.toJson(recomputed).toString(), zip).rescored(rescored.rescored(), rescored.note())
                .trusted(signer != null && trusted(signer.sha256()));
        em.persist(stored);
        em.flush();
        actions.bundle(Action.BUNDLE_IMPORTED, stored.getId(), "bundle of run " + stored.getSourceRunId() + " · "
                + stored.getReportId() + " · " + items.size() + " items · "
                + (signer == null ? "unsigned" : "signed by " + signer.subject()) + " · SHA-256 " + stored
                .getBundleSha256());
        return stored;
    }

    /**
     * The bundle's verdicts scored again by the embedded scorer when they are its own; a bundle of another scorer is
     * not re-scored (the result says why).
     */
    private BundleRescoring.Result rescore(List<BundleFormat.Item> items) {
        boolean embedded = items.stream().anyMatch(i -> i.scorer() != null && i.scorer().startsWith("djl:embedded:"));
        if (!embedded) {
            return BundleRescoring.rescore(items, null);
        }
        return BundleRescoring.rescore(items, djl.embedded());
    }

    /** The newest 500 imported bundles, newest first, without their metrics and content. */
    public List<ImportedBundle> list() {
        return em.createQuery("select new org.flamesaudit.bundle.ImportedBundle(b.id, b.importedAt, b.importedBy, "
                        + "b.sourceRunId, b.reportId, b.manifestSha256, b.bundleSha256, b.signer, b.signerSha256, "
                        + "b.items, b.datasetName, b.datasetSha256, b.scorer) from ImportedBundle b order by b.id desc",
                        ImportedBundle.class).setMaxResults(500).getResultList();
    }

    /** One imported bundle. @throws NotFoundException for an unknown id */
    public ImportedBundle get(long id) {
        ImportedBundle b = em.find(ImportedBundle.class, id);
        if (b == null) {
            throw new NotFoundException("imported bundle " + id + " does not exist; GET /api/bundles lists them");
        }
        return b;
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new BundleException("the bundle is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new BundleException("the request has no bundle: POST the zip's bytes");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BundleException("the bundle could not be read: " + e.getMessage());
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.isDirectory()) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    throw new BundleException("the zip holds more than " + MAX_FILES + " files: not a bundle");
                }
                byte[] content = readEntry(in, e.getName(), 4 * MAX_BYTES - total);
                total += content.length;
                if (files.put(e.getName(), content) != null) {
                    throw new BundleException("the zip holds " + e.getName() + " twice");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("the bundle is not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new BundleException("the bundle is not a zip, or an empty one");
        }
        return files;
    }

    /**
     * One entry's bytes, refused as soon as they pass {@code room} (what the whole bundle may still expand to): a
     * small zip of a huge deflated file never reaches memory.
     */
    private static byte[] readEntry(ZipInputStream in, String name, long room) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long read = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            read += n;
            if (read > room || read > MAX_BYTES) {
                throw new BundleException(name + " expands to more than " + Math.min(room, MAX_BYTES) / (1024 * 1024)
                        + " MB: not a bundle Flames Audit wrote");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The manifest's fields an import reads, each present with its type and within the stored column's size. */
    private static void requireManifestFields(JsonObject m) {
        String where = BundleFormat.MANIFEST + ": field ";
        if (!(m.get("runId") instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
            throw new BundleException(where + "\"runId\" is missing or not a whole number");
        }
        if (!(m.get("reportId") instanceof jakarta.json.JsonString r) || r.getString().length() > 100) {
            throw new BundleException(where + "\"reportId\" is missing, not a string or longer than 100 characters");
        }
        if (!(m.get("files") instanceof jakarta.json.JsonArray files)) {
            throw new BundleException(where + "\"files\" is missing or not an array");
        }
        for (int i = 0; i < files.size(); i++) {
            if (!(files.get(i) instanceof JsonObject f) || !(f.get("path") instanceof jakarta.json.JsonString)
                    || !(f.get("sha256") instanceof jakarta.json.JsonString)) {
                throw new BundleException(where + "\"files\" entry " + (i + 1) + " has no \"path\" and \"sha256\"");
            }
            if (f.containsKey("lineSha256") && !(f.get("lineSha256") instanceof jakarta.json.JsonArray)) {
                throw new BundleException(where + "\"files\" entry " + (i + 1) + ": \"lineSha256\" is not an array");
            }
        }
    }

    /** Every listed file present with its size and hash (the changed line of the items named); nothing unlisted. */
    private static void checkFiles(JsonObject manifest, Map<String, byte[]> files) {
        List<String> listed = new ArrayList<>();
        for (JsonValue v : manifest.getJsonArray("files")) {
            JsonObject f = v.asJsonObject();
            String path = f.getString("path");
            listed.add(path);
            byte[] content = files.get(path);
            if (content == null) {
                throw new BundleException(path + " is listed in " + BundleFormat.MANIFEST + " but missing from the zip");
            }
            String hash = Sha256.of(content);
            if (!hash.equals(f.getString("sha256"))) {
                if (f.containsKey("lineSha256")) {
                    changedLine(path, content, f.getJsonArray("lineSha256"));
                }
                throw new BundleException(path + ": its SHA-256 is " + hash + ", the manifest lists "
                        + f.getString("sha256") + ": the file was changed after the bundle was written");
            }
        }
        for (String name : files.keySet()) {
            if (!name.equals(BundleFormat.MANIFEST) && !name.equals(BundleFormat.SIGNATURE) && !listed.contains(name)) {
                throw new BundleException(name + " is in the zip but not in " + BundleFormat.MANIFEST
                        + ": a file was added after the bundle was written");
            }
        }
        for (String required : List.of(BundleFormat.RUN, BundleFormat.ITEMS, BundleFormat.METRICS)) {
            if (!listed.contains(required)) {
                throw new BundleException(BundleFormat.MANIFEST + " does not list " + required);
            }
        }
    }

    /** Names the first line whose hash differs from the manifest's (or the line count). */
    private static void changedLine(String path, byte[] content, jakarta.json.JsonArray hashes) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < Math.min(count, hashes.size()); i++) {
            String hash = Sha256.of(lines[i].getBytes(StandardCharsets.UTF_8));
            if (!hash.equals(hashes.getString(i))) {
                throw new BundleException(path + " line " + (i + 1) + ": the line differs from the one the manifest "
                        + "lists (SHA-256 " + hash + ", listed " + hashes.getString(i) + "): it was changed after the "
                        + "bundle was written");
            }
        }
        if (count != hashes.size()) {
            throw new BundleException(path + ": " + count + " lines, the manifest lists " + hashes.size());
        }
    }

    @Inject
    org.flamesaudit.reporting.ReportSigning signing;

    /**
     * Whether the certificate with this SHA-256 is this server's report-signing key's or one the administrator
     * trusts ({@code FLAMES_TRUSTED_BUNDLE_SIGNERS}: SHA-256 fingerprints of DER certificates, comma-separated).
     */
    private boolean trusted(String certSha256) {
        java.security.cert.X509Certificate own = signing.certificate();
        try {
            if (own != null && Sha256.of(own.getEncoded()).equals(certSha256)) {
                return true;
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the report-signing certificate cannot be encoded", e);
        }
        return org.flamesaudit.support.Setting.TRUSTED_BUNDLE_SIGNERS.value().stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(f -> f.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT))
                .anyMatch(certSha256::equals);
    }

    /** Who signed the manifest (subject and certificate SHA-256), or null when the bundle is unsigned. */
    record Signer(String subject, String sha256) {
    }

    private static Signer verifySignature(byte[] manifest, byte[] signature) {
        if (signature == null) {
            return null;
        }
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates().getMatches(info.getSID())
                    .iterator().next();
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                throw new BundleException(BundleFormat.SIGNATURE + ": the signature does not match "
                        + BundleFormat.MANIFEST + ": the manifest was changed after it was signed");
            }
            return new Signer(org.flamesaudit.support.Texts.fit(cert.getSubject().toString(), 900),
                    Sha256.of(cert.getEncoded()));
        } catch (BundleException e) {
            throw e;
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            throw new BundleException(BundleFormat.SIGNATURE + ": the signature does not match "
                    + BundleFormat.MANIFEST + ": the manifest was changed after it was signed");
        } catch (Exception e) {
            throw new BundleException(BundleFormat.SIGNATURE + ": not a valid CMS signature of "
                    + BundleFormat.MANIFEST + " (" + e.getMessage() + ")");
        }
    }

    private static JsonObject json(String name, byte[] content) {
        if (content == null) {
            throw new BundleException(name + " is missing from the zip");
        }
        try {
            return Jsons.parseObject(new String(content, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BundleException(name + ": not a JSON object (" + e.getMessage() + ")");
        }
    }

    private static List<BundleFormat.Item> items(byte[] content) {
        List<BundleFormat.Item> items = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = Jsons.parseObject(lines[i]);
            } catch (RuntimeException e) {
                throw new BundleException(BundleFormat.ITEMS + " line " + (i + 1) + ": not a JSON object");
            }
            items.add(BundleFormat.parse(o, i + 1));
        }
        return items;
    }

    /** The first path where {@code expected} (the bundle's) and {@code actual} (recomputed) differ, or null. */
    static String firstDifference(String path, JsonValue expected, JsonValue actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + " is " + expected + " in the bundle, " + actual + " recomputed";
        }
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            java.util.Set<String> keys = new java.util.TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (String k : keys) {
                String d = firstDifference(path.isEmpty() ? k : path + "." + k, e.get(k), a.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof jakarta.json.JsonNumber e && actual instanceof jakarta.json.JsonNumber a) {
            return e.bigDecimalValue().compareTo(a.bigDecimalValue()) == 0 ? null
                    : path + " is " + e + " in the bundle, " + a + " recomputed";
        }
        return expected.equals(actual) ? null : path + " is " + expected + " in the bundle, " + actual + " recomputed";
    }
}
