package org.flamesaudit.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.audit.AuditRun;
import org.flamesaudit.audit.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.scoring.Score;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.NotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Human review of scores: a reviewer replaces the score of one answer, with a mandatory justification. The scorer's
 * verdict is kept, every review is appended to the trail ({@link ScoreReview}), and a completed run's stored metrics
 * are recomputed at once, so the metrics API and every report rendered afterwards use the reviewed score (and a new
 * report id, since the data behind the report changed).
 */
@ApplicationScoped
@Transactional
public class ReviewService {

    public static final int MAX_JUSTIFICATION = 4000;

    private static final Logger LOG = Logger.getLogger(ReviewService.class.getName());

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    @Inject
    RunMetricsService metrics;

    public ScoreReview review(long runId, long promptId, Integer score, String justification, String reviewer) {
        AuditRun run = runs.require(runId);
        if (score == null) {
            throw new ConfigurationException("score", "is required: the reviewed score, 1, 2 or 3");
        }
        if (justification == null || justification.isBlank()) {
            throw new ConfigurationException("justification", "is required: say why the score is changed");
        }
        String why = justification.strip();
        if (why.length() > MAX_JUSTIFICATION) {
            throw new ConfigurationException("justification", "is longer than " + MAX_JUSTIFICATION + " characters");
        }
        Score s = em.createQuery("select s from Score s join s.response r join r.prompt p "
                        + "where r.run.id = :run and p.id = :prompt and s.scorerKey = :key", Score.class)
                .setParameter("run", runId).setParameter("prompt", promptId).setParameter("key", run.getScorerKey())
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("run " + runId
                        + " has no scored or unscorable answer to prompt " + promptId + "; only an answer the scorer "
                        + "has seen can be reviewed"));
        Dimension d = s.getResponse().getPrompt().getDimension();
        if (!d.allows(score)) {
            throw new ConfigurationException("score", score + " is not a " + d.label() + " score (allowed: "
                    + d.allowedScoresText() + ")");
        }
        em.lock(s, LockModeType.PESSIMISTIC_WRITE); // two reviews of one answer: one after the other
        Instant now = Instant.now();
        ScoreReview r = new ScoreReview(s.getId(), runId, promptId, s.getValue(), s.getStatus().name(),
                s.effectiveValue(), score, why, reviewer, now);
        em.persist(r);
        s.review(score, reviewer, now);
        if (run.getMetricsAt() != null) {
            em.flush();
            runs.metricsComputed(runId, MetricsJson.toJson(metrics.compute(runId)).toString());
        }
        LOG.info(() -> "run " + runId + ", prompt " + promptId + ": " + reviewer + " reviewed the score "
                + r.getPreviousValue() + " -> " + score);
        return r;
    }

    /** Every review of one answer, oldest first. */
    public List<ScoreReview> history(long runId, long promptId) {
        runs.require(runId);
        return em.createQuery("select r from ScoreReview r where r.runId = :run and r.promptId = :prompt "
                        + "order by r.id", ScoreReview.class)
                .setParameter("run", runId).setParameter("prompt", promptId).getResultList();
    }

    /** The review trail, newest first, of one run or of all runs. */
    public List<ScoreReview> log(Long runId, int page, int size) {
        if (runId != null) {
            runs.require(runId);
        }
        var query = em.createQuery("select r from ScoreReview r" + (runId == null ? "" : " where r.runId = :run")
                + " order by r.id desc", ScoreReview.class);
        if (runId != null) {
            query.setParameter("run", runId);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
