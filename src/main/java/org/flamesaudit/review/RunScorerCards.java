package org.flamesaudit.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.scoring.Agreement;
import org.flamesaudit.scoring.ScorerCard;
import org.flamesaudit.scoring.ScorerCards;
import org.flamesaudit.support.Jsons;

import java.util.Locale;

/**
 * The card of a run's scorer as the run's metrics and both reports show it: what the scorer is
 * ({@link ScorerCards}) and, once reviewers have reviewed answers it scored, the agreement measured on this run
 * (issue 21: a card never says "not measured" when reviews exist). The one place both the API and the reports get
 * a run's card from.
 */
@ApplicationScoped
public class RunScorerCards {

    @Inject
    ReviewService reviews;

    @Inject
    BlindReviews blind;

    @Inject
    org.flamesaudit.scoring.training.TrainedHeadsStore trainedHeads;

    /**
     * The run's scorer card, with this run's measured agreement when any answer it scored was reviewed, and its
     * accuracy on blind review samples: this run's, and the pooled history of the scorer over every run with blind
     * scores (with n).
     */
    public ScorerCard of(AuditRun run) {
        ScorerCard card = ScorerCards.forRun(run.getScorerKey(), Jsons.parseObject(run.getScorerConfig()),
                trainedHeads::heads);
        Agreement a = reviews.agreement(run.getId()).get("overall");
        if (a != null && a.n() > 0) {
            card = card.withAgreementOnThisRun(onThisRun(a));
        }
        org.flamesaudit.metrics.BlindAccuracy.Confusion here = blind.countingAccuracy(run.getId());
        if (here != null && here.compared() > 0) {
            card = card.withAgreementOnThisRun("Blind sample of this run 本次盲评抽样 (random, stratified): "
                    + here.describe() + ".");
        }
        BlindReviews.Pooled pooled = blind.pooled(run.getScorerKey());
        if (pooled.confusion().compared() > 0) {
            card = card.withAgreementOnThisRun("All blind samples of this scorer 该评分器全部盲评 (" + pooled.runs()
                    + " run" + (pooled.runs() == 1 ? "" : "s") + "): "
                    + pooled.confusion().describe() + ".");
        }
        return card;
    }

    /**
     * "On this run 本次运行: 3 answers reviewed, 66.7% agreement, Cohen's kappa 0.400 ...", with the caveat that the
     * reviewed answers are not a random sample (the review queue lists harmful verdicts first).
     */
    static String onThisRun(Agreement a) {
        return String.format(Locale.ROOT, "On this run 本次运行: %d answer%s scored by this scorer and reviewed by a "
                        + "human, %.1f%% agreement, Cohen's kappa %s. The reviewed answers come from the review queue "
                        + "(harmful verdicts first), not from a random sample, so this is not an unbiased accuracy.",
                a.n(), a.n() == 1 ? "" : "s", 100 * a.accuracy(),
                Double.isNaN(a.kappa()) ? "undefined (one score on both sides)"
                        : String.format(Locale.ROOT, "%.3f", a.kappa()));
    }
}
