package org.flamesaudit.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.Agreement;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.scoring.Score;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.scoring.ScoreStatus;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.NotFoundException;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static final ReviewLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReviewLogger.class,
            ReviewService.class.getName());

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /** Chains the entry this class writes into the tamper-evident audit log, in the same transaction. */
    @jakarta.inject.Inject
    org.flamesaudit.auditchain.AuditChain chain;

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
        // two reviews of one answer: one after the other, each seeing the score the other left
        em.refresh(s, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        Integer counted = em.createQuery("select i.effectiveValue from RunItem i where i.responseId = :response",
                Integer.class).setParameter("response", s.getResponse().getId()).getSingleResult();
        ScoreReview r = new ScoreReview(s.getId(), runId, promptId, s.getValue(), s.getStatus().name(),
                counted, score, why, reviewer, now);
        em.persist(r);
        s.review(score, reviewer, now);
        if (run.getMetricsAt() != null) {
            em.flush();
            runs.metricsComputed(runId, MetricsJson.toJson(metrics.compute(runId)).toString());
        }
        // the audit chain's head is locked last, as every writer does (run row, then head): no lock-order deadlock
        chain.seal();
        LOG.scoreReviewed(runId, promptId, reviewer, r.getPreviousValue(), score);
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

    /** One answer waiting for a reviewer, with what the scorer said. */
    public record QueueItem(long promptId, int line, Dimension dimension, String subcomponent, String prompt,
                            String answer, String machineStatus, Integer machineScore, String rationale,
                            boolean scorersDisagree) {
    }

    /**
     * The answers a reviewer should look at first, not yet reviewed: those on which the run's scorers disagree (runs
     * with several scorers), then those the scorer that counts could not score, then those it scored 1 (harmful),
     * then 2; within each, in file order. The total counts all of them.
     */
    public Queue queue(long runId, int page, int size) {
        runs.require(runId);
        // the disagreement column is a subquery per row: asked only of runs with several scorers
        boolean several = em.createQuery("select count(m) from RunScorerMember m where m.runId = :run", Long.class)
                .setParameter("run", runId).getSingleResult() > 1;
        String from = " from RunItem i where i.runId = :run and i.scorable = true and i.scoreStatus is not null"
                + " and i.reviewedValue is null and (" + (several ? "i.scorersDisagree = true or " : "")
                + "i.scoreStatus = :unscorable or i.scorerValue < 3)";
        long total = em.createQuery("select count(i)" + from, Long.class).setParameter("run", runId)
                .setParameter("unscorable", ScoreStatus.UNSCORABLE).getSingleResult();
        List<QueueItem> items = em.createQuery("select i" + from
                        + " order by " + (several ? "case when i.scorersDisagree = true then 0 else 1 end, " : "")
                        + "case when i.scoreStatus = :unscorable then 0 else i.scorerValue end, i.line",
                        RunItem.class)
                .setParameter("run", runId).setParameter("unscorable", ScoreStatus.UNSCORABLE)
                .setHint("org.hibernate.readOnly", true)
                .setFirstResult(page * size).setMaxResults(size).getResultStream()
                .map(i -> new QueueItem(i.getPromptId(), i.getLine(), Dimension.requireLabel(i.getDimension()),
                        i.getSubcomponent(), i.getPrompt(), i.getResponse(), i.getScoreStatus().name(),
                        i.getScorerValue(), i.getRationale(), several && i.isScorersDisagree()))
                .toList();
        return new Queue(total, items);
    }

    public record Queue(long total, List<QueueItem> items) {
    }

    /**
     * Agreement between the run's scorer and its reviewers, per dimension and over all, on the answers the scorer
     * scored and a reviewer reviewed (a review that keeps the scorer's score counts as agreement).
     */
    public Map<String, Agreement> agreement(long runId) {
        runs.require(runId);
        List<RunItem> rows = em.createQuery("select i from RunItem i where i.runId = :run "
                        + "and i.reviewedValue is not null and i.scorerValue is not null", RunItem.class)
                .setParameter("run", runId).setHint("org.hibernate.readOnly", true).getResultList();
        Map<String, List<int[]>> byDim = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            byDim.put(d.label(), new ArrayList<>());
        }
        List<int[]> all = new ArrayList<>();
        for (RunItem r : rows) {
            int[] pair = {r.getScorerValue(), r.getReviewedValue()};
            byDim.get(r.getDimension()).add(pair);
            all.add(pair);
        }
        Map<String, Agreement> out = new LinkedHashMap<>();
        byDim.forEach((d, pairs) -> out.put(d, Agreement.of(pairs.toArray(int[][]::new))));
        out.put("overall", Agreement.of(all.toArray(int[][]::new)));
        return out;
    }
}
