package org.flamesaudit.scoring.djl;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.ConfigurationException;
import org.jboss.logging.Logger;
import org.flamesaudit.scoring.ScoringLogger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;

/**
 * The DJL scorer bean: loads the embedded encoder and its heads once per deployment and shares them between runs
 * (the encoder keeps a pool of predictors; DJL's native libraries come from the server's {@code ai.djl} module, so
 * they load once per JVM and survive redeploys). {@code flames.scorer.gpu=false} keeps the encoder on the CPU even
 * where DJL finds a GPU; {@code flames.scorer.predictors} sizes the pool (default 2).
 */
@ApplicationScoped
public class DjlScorers {

    private static final ScoringLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScoringLogger.class,
            DjlScorers.class.getName());
    static final String HEADS_RESOURCE = "scorer/embedded-heads.json";

    private TextEncoder encoder;
    private EmbeddedEncoderFiles files;
    private ScorerHeads heads;
    private final java.util.Map<String, OfficialScorer> official = new java.util.HashMap<>();

    /**
     * How many answers the embedded encoder runs together in the server: one. The quantized encoder computes its
     * int8 activation ranges over the whole batch, padding included, so inside batches of 16 one answer's
     * P(harmless) moved by up to 0.034 between runs of the same audit (ScorerRedeployIT, the 20 demo answers four
     * times) and a verdict near 0.5 changed sides; alone, an answer always gets the same score. On 2 CPU cores
     * batching gained about 3% (BENCHMARKS.md, EmbeddedScorerBench). Training encodes the same way.
     */
    public static final int ENCODE_ALONE = 1;

    /** The embedded scorer, its model loaded on first use; fails with what to fix when it cannot be loaded. */
    public synchronized EmbeddedScorer embedded() {
        loadEncoder();
        return new EmbeddedScorer(encoder, heads, files.modelSha256(), ENCODE_ALONE);
    }

    /** The embedded encoder with heads trained by the scorer-train job instead of the shipped ones. */
    public synchronized EmbeddedScorer embedded(ScorerHeads trained) {
        loadEncoder();
        if (!trained.encoderSha256().equals(files.modelSha256())) {
            throw new ConfigurationException("scorer.heads", "these heads were trained on the encoder "
                    + trained.encoderSha256() + ", not on the bundled one (" + files.modelSha256() + "); train again");
        }
        return new EmbeddedScorer(encoder, trained, files.modelSha256(), ENCODE_ALONE);
    }

    /** What training needs: the loaded encoder and its SHA-256. */
    public synchronized Encoder encoder() {
        loadEncoder();
        return new Encoder(encoder, files.modelSha256());
    }

    public record Encoder(TextEncoder encoder, String sha256) {
    }

    private void loadEncoder() {
        if (encoder == null) {
            ScorerHeads h = defaultHeads(getClass().getClassLoader());
            EmbeddedEncoderFiles f = EmbeddedEncoderFiles.extractTo(AppConfig.dataDir().resolve("models")
                    .resolve("embedded-encoder"), getClass().getClassLoader());
            if (!h.encoderSha256().equals(f.modelSha256())) {
                throw new ConfigurationException("scorer", "the embedded heads were trained on the encoder "
                        + h.encoderSha256() + " but the bundled encoder is " + f.modelSha256()
                        + "; retrain them with TrainEmbeddedHeads (see the README)");
            }
            int pool = predictors();
            boolean gpu = org.flamesaudit.support.Setting.SCORER_GPU.booleanValue();
            encoder = TextEncoder.load(f.model(), f.tokenizer(), pool, EmbeddedScorer.MAX_TOKENS, gpu);
            files = f;
            heads = h;
            LOG.embeddedScorerReady(EmbeddedEncoderFiles.NAME, f.modelSha256(), h.sha256(), encoder.engine(),
                    encoder.device());
        }
    }

    /**
     * The converted Flames scorer in this directory, loaded once (per directory and model hash) and shared by runs.
     * Its files are checked against their SHA-256 each time, so a changed model is loaded again, never mixed up.
     */
    /** How many predictors (parallel inference sessions) each loaded model gets. */
    private static int predictors() {
        return (int) Math.min(64, org.flamesaudit.support.Setting.SCORER_PREDICTORS.longValue(1, "predictors"));
    }

    public synchronized OfficialScorer official(java.nio.file.Path dir, int batchSize) {
        OfficialScorerFiles files = OfficialScorerFiles.read(dir);
        String id = dir + "@" + files.modelSha256();
        OfficialScorer scorer = official.get(id);
        if (scorer == null) {
            boolean gpu = org.flamesaudit.support.Setting.SCORER_GPU.booleanValue();
            scorer = OfficialScorer.load(files, predictors(), batchSize, gpu);
            official.put(id, scorer);
        }
        return scorer.withBatchSize(batchSize);
    }

    /** The heads shipped with the application (trained on JADE; see their card). */
    public static ScorerHeads defaultHeads(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(HEADS_RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException("scorer", HEADS_RESOURCE + " is missing from the application;"
                        + " rebuild it");
            }
            return ScorerHeads.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), HEADS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        official.values().forEach(OfficialScorer::unload);
        official.clear();
    }
}
