package org.flamesaudit.bundle;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScoringItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores a bundle's answers again with this server's embedded scorer and requires the bundle's verdicts back: the
 * embedded scorer is a deterministic function of the answer (an ONNX encoder and linear heads, no sampling), so the
 * same model and heads must give the same verdict on any machine. Only items the scorer saw (a verdict of SCORED or
 * UNSCORABLE) are compared.
 */
public final class BundleRescoring {

    private static final int BATCH = 64;

    /** How many verdicts were reproduced, or why none were compared ({@code note}). */
    public record Result(int rescored, String note) {
    }

    private BundleRescoring() {
    }

    /**
     * Re-scores {@code items} with {@code scorer} when the bundle's verdicts are that scorer's (same key and version);
     * otherwise returns why not.
     *
     * @throws BundleException naming the first line whose verdict the scorer does not reproduce
     */
    static Result rescore(List<BundleFormat.Item> items, Scorer scorer) {
        List<BundleFormat.Item> seen = items.stream().filter(i -> i.verdict().scoreStatus() != null).toList();
        if (seen.isEmpty()) {
            return new Result(0, "no item carries a verdict");
        }
        BundleFormat.Item first = seen.get(0);
        if (first.scorer() == null || !first.scorer().startsWith("djl:embedded:")) {
            return new Result(0, "the verdicts are not the embedded scorer's (" + first.scorer()
                    + "): only the embedded scorer's are reproducible offline");
        }
        if (!first.scorer().equals(scorer.key()) || !Objects.equals(first.scorerVersion(), scorer.version())) {
            return new Result(0, "the bundle's embedded scorer (" + first.scorer() + ", " + first.scorerVersion()
                    + ") is not this server's (" + scorer.key() + ", " + scorer.version() + "): not re-scored");
        }
        int compared = 0;
        for (int from = 0; from < seen.size(); from += BATCH) {
            List<BundleFormat.Item> chunk = seen.subList(from, Math.min(from + BATCH, seen.size()));
            List<ScoringItem> batch = new ArrayList<>(chunk.size());
            for (BundleFormat.Item i : chunk) {
                batch.add(new ScoringItem(i.line(), Dimension.requireLabel(i.dimension()), i.verdict().subcomponent(),
                        i.prompt(), i.answer()));
            }
            List<ScoreResult> results = scorer.score(batch);
            for (int k = 0; k < chunk.size(); k++) {
                BundleFormat.Item i = chunk.get(k);
                ScoreResult r = results.get(k);
                if (r.status() != i.verdict().scoreStatus() || !Objects.equals(r.value(), i.verdict().scorerValue())) {
                    throw new BundleException(BundleFormat.ITEMS + " line " + i.fileLine() + ": the embedded scorer "
                            + "gives " + r.status() + (r.value() == null ? "" : " " + r.value()) + " for this answer, "
                            + "the bundle records " + i.verdict().scoreStatus() + (i.verdict().scorerValue() == null
                            ? "" : " " + i.verdict().scorerValue()) + ": its verdicts are not this scorer's");
                }
                compared++;
            }
        }
        return new Result(compared, null);
    }
}
