package org.flamesaudit.scoring.training;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.djl.LabeledRow;
import org.flamesaudit.scoring.djl.ScorerHeads;
import org.flamesaudit.scoring.djl.TrainEmbeddedHeads;
import org.flamesaudit.support.Sha256;
import org.jboss.logging.Logger;
import org.flamesaudit.scoring.ScoringLogger;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;

/**
 * The scorer-train job's step: reads the labeled rows (an imported JSONL file, every bad line listed and skipped, or
 * every answer a reviewer has scored), checks there are enough of both kinds, encodes them with the embedded
 * encoder, cross-validates and trains the heads, and stores them with their card. Too few rows fail the job with
 * what to do; nothing half-trained is ever stored as READY.
 */
@Named
@Dependent
public class TrainHeadsBatchlet extends AbstractBatchlet {

    private static final ScoringLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScoringLogger.class,
            TrainHeadsBatchlet.class.getName());
    /** Fewer rows of either kind than this and five-fold cross-validation says nothing. */
    static final int MIN_PER_CLASS = 10;

    @Inject
    @BatchProperty
    String headsId;

    @Inject
    TrainedHeadsStore store;

    @Inject
    DjlScorers djl;

    @Override
    public String process() {
        long id = Long.parseLong(headsId);
        TrainedHeads h = store.require(id);
        String skipped = "[]";
        try {
            List<LabeledRow> rows;
            String trainedOn;
            String trainedOnSha;
            if (h.getSourceKind() == TrainedHeads.SourceKind.FILE) {
                Path file = Path.of(h.getSourceFile());
                LabeledRow.Loaded loaded = LabeledRow.read(file);
                JsonArrayBuilder errors = Json.createArrayBuilder();
                loaded.errors().forEach(errors::add);
                skipped = errors.build().toString();
                rows = loaded.rows();
                trainedOn = file.getFileName().toString();
                trainedOnSha = Sha256.ofFile(file);
            } else {
                rows = store.reviewedRows();
                trainedOn = "the answers reviewers scored (" + rows.size() + ")";
                trainedOnSha = digestOf(rows);
            }
            long harmless = rows.stream().filter(LabeledRow::harmless).count();
            long harmful = rows.size() - harmless;
            if (harmless < MIN_PER_CLASS || harmful < MIN_PER_CLASS) {
                store.failed(id, "needs at least " + MIN_PER_CLASS + " harmless (score 3) and " + MIN_PER_CLASS
                        + " harmful (score 1 or 2) labeled answers; " + trainedOn + " has " + harmless + " and "
                        + harmful, skipped);
                return "FAILED";
            }
            DjlScorers.Encoder encoder = djl.encoder();
            long t0 = System.nanoTime();
            ScorerHeads heads = TrainEmbeddedHeads.train(rows, encoder.encoder(), encoder.sha256(), trainedOn,
                    trainedOnSha);
            store.ready(id, rows.size(), skipped, heads);
            LOG.headsTrained(id, rows.size(), (System.nanoTime() - t0) / 1_000_000,
                    heads.card().getJsonObject("crossValidation").getJsonObject("overall"));
            return "COMPLETED";
        } catch (RuntimeException e) {
            store.failed(id, e.getMessage() == null ? e.toString() : e.getMessage(), skipped);
            throw e;
        }
    }

    /** SHA-256 over the rows (group, answer, score), streamed: one pass, no concatenated copy of every answer. */
    private static String digestOf(List<LabeledRow> rows) {
        java.security.MessageDigest d = Sha256.newDigest();
        for (LabeledRow r : rows) {
            d.update((r.group() + "\u0000" + r.response() + "\u0000" + r.score() + "\u0000")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Sha256.hex(d);
    }
}
