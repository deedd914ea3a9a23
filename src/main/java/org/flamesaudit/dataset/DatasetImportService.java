package org.flamesaudit.dataset;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Properties;

/**
 * Accepts a prompt file for import: stages it, verifies the expected SHA-256 before anything is stored, returns the
 * existing set when the same bytes were imported before, and otherwise starts the {@code flames-import} job.
 */
@ApplicationScoped
public class DatasetImportService {

    public static final String JOB = "flames-import";
    /** System property: accept plain http from loopback hosts (a local mirror of the prompt files). Off by default. */
    public static final String LOOPBACK_HTTP = "flames.import.allow-loopback-http";
    private static final DatasetLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), DatasetLogger.class,
            DatasetImportService.class.getName());

    public record Submission(long id, boolean existing) {
    }

    @Inject
    DatasetStore store;

    @Inject
    org.flamesaudit.actionlog.ActionLog actions;

    /** Imports from a local path inside the import directories, an https URL, or a known alias ("flames-1k"). */
    public Submission submit(String name, String source, String expectedSha256, RepeatedPrompts repeated) {
        checkName(name);
        String expected = normalizedSha256(expectedSha256);
        var known = KnownDatasets.byAlias(source);
        if (known.isPresent()) {
            if (expected != null && !expected.equals(known.get().sha256())) {
                throw new ConfigurationException("sha256", "\"" + known.get().alias() + "\" is pinned to SHA-256 "
                        + known.get().sha256() + "; omit sha256 or give that value");
            }
            source = known.get().url();
            expected = known.get().sha256();
        }
        return register(name, source, stager().stage(source), expected, repeated);
    }

    /**
     * Imports a file a client sent in the request body (the web console's upload); recorded with the source
     * {@code upload:<file name>}.
     */
    public Submission submitUpload(String name, String fileName, InputStream content, String expectedSha256,
                                   RepeatedPrompts repeated) {
        checkName(name);
        String expected = normalizedSha256(expectedSha256);
        String label = fileName == null || fileName.isBlank() ? "upload"
                : "upload:" + fileName.strip().replaceAll("[\\p{Cntrl}]", "");
        if (label.length() > 500) {
            throw new ConfigurationException("filename", "must be at most 490 characters");
        }
        return register(name, label, stager().stage(content), expected, repeated);
    }

    private static SourceStager stager() {
        return new SourceStager(AppConfig.dataDir().resolve("imports"), ImportDirectories.configured(),
                org.flamesaudit.support.Setting.IMPORT_ALLOW_LOOPBACK_HTTP.booleanValue(),
                java.util.List.of(org.flamesaudit.support.Setting.IMPORT_HOSTS.value().orElse("").split(",")));
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("name", "is required");
        }
        if (name.length() > 200) {
            throw new ConfigurationException("name", "must be at most 200 characters");
        }
    }

    private static String normalizedSha256(String expectedSha256) {
        String expected = expectedSha256 == null ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (expected != null && !expected.matches("[0-9a-f]{64}")) {
            throw new ConfigurationException("sha256", "must be 64 hexadecimal characters");
        }
        return expected;
    }

    private Submission register(String name, String source, SourceStager.Staged staged, String expected,
                                RepeatedPrompts repeated) {
        if (expected != null && !expected.equals(staged.sha256())) {
            if (store.findBySha256(staged.sha256()).isEmpty()) {
                deleteQuietly(staged);
            }
            throw new ConfigurationException("sha256", "the file's SHA-256 is " + staged.sha256()
                    + " but " + expected + " was expected; nothing was imported");
        }
        var existing = store.findBySha256(staged.sha256());
        long id;
        if (existing.isPresent()) {
            PromptSet set = existing.get();
            if (set.getStatus() != PromptSet.Status.FAILED) {
                if (set.getRepeatedPrompts() != repeated) {
                    throw new org.flamesaudit.support.ConflictException("this file is already dataset " + set.getId()
                            + ", imported with repeatedPrompts " + set.getRepeatedPrompts().label() + "; a dataset is "
                            + "identified by its bytes, so the same file cannot also be imported with "
                            + repeated.label());
                }
                LOG.alreadyImported(staged.sha256(), set.getId());
                return new Submission(set.getId(), true);
            }
            store.resetForReimport(set.getId(), source, staged.file().toString(), repeated);
            id = set.getId();
        } else {
            Long created = createOrFindConcurrent(name.strip(), staged, source, repeated);
            if (created == null) {
                long existingId = store.findBySha256(staged.sha256()).orElseThrow().getId();
                return new Submission(existingId, true);
            }
            id = created;
        }
        LOG.importStarted(id, startJob(id));
        return new Submission(id, false);
    }

    private static long startJob(long setId) {
        Properties params = new Properties();
        params.setProperty("promptSetId", Long.toString(setId));
        JobOperator operator = BatchRuntime.getJobOperator();
        return operator.start(JOB, params);
    }

    /**
     * Start-up: every import this node was running when it stopped continues, in a new job execution, after the last
     * line it had stored (PromptLineItemReader); nothing stored is read again and nothing is lost.
     */
    public void resumeInterrupted(String node) {
        for (long id : store.interruptedImports(node)) {
            long after = store.lastStoredLine(id);
            try {
                LOG.importResumed(id, startJob(id), after);
            } catch (RuntimeException e) {
                store.markFailed(id, "interrupted by a server stop and could not be resumed (" + e.getMessage()
                        + "); POST the file again to import it");
            }
        }
    }

    /**
     * Creates the set; returns null when a concurrent request imported the same bytes first (unique SHA-256), and
     * retries when it took the same name's next version number.
     */
    private Long createOrFindConcurrent(String name, SourceStager.Staged staged, String source,
                                        RepeatedPrompts repeated) {
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                org.flamesaudit.dataset.PromptSet set = store.create(name, staged.sha256(), source,
                        staged.file().toString(), repeated);
                actions.dataset(set.getId(), set.getName() + " v" + set.getVersion() + " · SHA-256 "
                        + set.getSha256() + " · " + source);
                return set.getId();
            } catch (Exception e) { // the commit's RollbackException is checked but escapes the interceptor
                if (store.findBySha256(staged.sha256()).isPresent()) {
                    return null;
                }
                last = e;
            }
        }
        throw new IllegalStateException("cannot create dataset " + name + ": " + last, last);
    }

    private static void deleteQuietly(SourceStager.Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // the staged copy is only a cache
        }
    }
}
