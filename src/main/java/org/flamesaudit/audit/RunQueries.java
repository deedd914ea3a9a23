package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.ScoreStatus;

import java.util.List;

/** Read-only views of a run: progress counts and the item list with its filters. */
@ApplicationScoped
@Transactional
public class RunQueries {

    /**
     * {@code generated}: prompts with an outcome other than FAILED; {@code outcomes}: prompts per item outcome so
     * far (BLOCKED, EMPTY and FAILED never reach the scorer).
     */
    public record Progress(long total, long generated, long scored, long unscorable, long failed,
                           java.util.Map<ItemOutcome, Long> outcomes) {
    }

    public record Item(long promptId, int line, String dimension, String subcomponent, String prompt,
                       String response, String error, Integer latencyMs, Integer attempts, String scoreStatus,
                       Integer score, String rationale, Integer promptTokens, Integer completionTokens,
                       String finishReason, Integer reviewedScore, String reviewedBy, String node,
                       java.time.Instant answeredAt, ItemOutcome outcome, String reasoning, String blockSignal,
                       String blockCode, String blockMessage, String unscorableReason) {
    }

    public record Page(long total, List<Item> items) {
    }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public Progress progress(AuditRun run) {
        return progress(List.of(run)).get(run.getId());
    }

    /**
     * The progress of several runs in two queries whatever their number (the console and API clients poll this
     * while runs are active): answers and failures grouped by run, and scores grouped by run and status, counting
     * only the scores of each run's own scorer.
     */
    public java.util.Map<Long, Progress> progress(List<AuditRun> runs) {
        java.util.Map<Long, Progress> result = new java.util.HashMap<>();
        if (runs.isEmpty()) {
            return result;
        }
        java.util.Map<Long, long[]> counts = new java.util.HashMap<>(); // generated, scored, unscorable, failed
        java.util.Map<Long, java.util.Map<ItemOutcome, Long>> outcomes = new java.util.HashMap<>();
        List<Long> ids = runs.stream().map(AuditRun::getId).toList();
        ids.forEach(id -> {
            counts.put(id, new long[4]);
            outcomes.put(id, new java.util.EnumMap<>(ItemOutcome.class));
        });
        for (Object[] row : em.createQuery("select r.run.id, r.outcome, count(r) from ModelResponse r "
                        + "where r.run.id in :runs group by r.run.id, r.outcome", Object[].class)
                .setParameter("runs", ids).getResultList()) {
            long[] c = counts.get((Long) row[0]);
            long n = (Long) row[2];
            outcomes.get((Long) row[0]).put((ItemOutcome) row[1], n);
            c[row[1] == ItemOutcome.FAILED ? 3 : 0] += n;
        }
        for (Object[] row : em.createQuery("select r.run.id, s.status, count(s) from Score s join s.response r "
                        + "where r.run.id in :runs and s.scorerKey = r.run.scorerKey group by r.run.id, s.status",
                        Object[].class).setParameter("runs", ids).getResultList()) {
            long[] c = counts.get((Long) row[0]);
            if (row[1] == ScoreStatus.SCORED) {
                c[1] = (Long) row[2];
            } else if (row[1] == ScoreStatus.UNSCORABLE) {
                c[2] = (Long) row[2];
            }
        }
        for (AuditRun run : runs) {
            long[] c = counts.get(run.getId());
            result.put(run.getId(), new Progress(run.getTotal(), c[0], c[1], c[2], c[3], outcomes.get(run.getId())));
        }
        return result;
    }

    /**
     * One page of the run's answered items in prompt-line order. {@code score} filters by 1, 2, 3, "unscorable",
     * "failed" or "unscored".
     */
    public Page items(AuditRun run, Dimension dimension, String subcomponent, String score, ItemOutcome outcome,
                      int page, int size) {
        StringBuilder where = new StringBuilder(" from ModelResponse r join r.prompt p "
                + "left join Score s on s.response = r and s.scorerKey = :key where r.run.id = :run");
        if (dimension != null) {
            where.append(" and p.dimension = :dim");
        }
        if (subcomponent != null) {
            where.append(" and p.subcomponent = :sub");
        }
        if (outcome != null) {
            where.append(" and r.outcome = :outcome");
        }
        Integer value = null;
        if (score != null) {
            switch (score) {
                case "1", "2", "3" -> {
                    // the score the metrics use: a reviewer's, else the scorer's
                    value = Integer.parseInt(score);
                    where.append(" and (s.reviewedValue = :value or (s.reviewedValue is null and s.status = :scored"
                            + " and s.value = :value))");
                }
                case "unscorable" -> where.append(" and s.status = :unscorable and s.reviewedValue is null");
                case "failed" -> where.append(" and r.outcome = :failedOutcome");
                case "unscored" -> where.append(" and r.outcome in :scoredOutcomes and r.text is not null and s.id is null");
                default -> throw new IllegalArgumentException(score);
            }
        }
        TypedQuery<Long> countQuery = em.createQuery("select count(r)" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select p.id, p.lineNumber, p.dimension, p.subcomponent, p.text, "
                + "r.text, r.error, r.latencyMs, r.attempts, s.status, s.value, s.rationale, r.promptTokens, "
                + "r.completionTokens, r.finishReason, s.reviewedValue, s.reviewedBy, r.nodeName, r.createdAt, "
                + "r.outcome, r.reasoning, r.blockSignal, r.blockCode, r.blockMessage, s.unscorableReason" + where
                + " order by p.lineNumber", Object[].class);
        for (TypedQuery<?> q : List.of(countQuery, rows)) {
            q.setParameter("key", run.getScorerKey()).setParameter("run", run.getId());
            if (dimension != null) {
                q.setParameter("dim", dimension.label());
            }
            if (subcomponent != null) {
                q.setParameter("sub", subcomponent);
            }
            if (outcome != null) {
                q.setParameter("outcome", outcome);
            }
            if ("failed".equals(score)) {
                q.setParameter("failedOutcome", ItemOutcome.FAILED);
            } else if ("unscored".equals(score)) {
                q.setParameter("scoredOutcomes", ItemOutcome.SCORED_OUTCOMES);
            }
            if (value != null) {
                q.setParameter("scored", ScoreStatus.SCORED).setParameter("value", value);
            } else if ("unscorable".equals(score)) {
                q.setParameter("unscorable", ScoreStatus.UNSCORABLE);
            }
        }
        long total = countQuery.getSingleResult();
        List<Item> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(r -> new Item((Long) r[0], (Integer) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], r[7] == null ? null : ((Long) r[7]).intValue(), (Integer) r[8],
                        r[9] == null ? null : r[9].toString(), (Integer) r[10], (String) r[11], (Integer) r[12],
                        (Integer) r[13], (String) r[14], (Integer) r[15], (String) r[16],
                        (String) r[17], (java.time.Instant) r[18], (ItemOutcome) r[19], (String) r[20],
                        (String) r[21], (String) r[22], (String) r[23], r[24] == null ? null : r[24].toString()))
                .toList();
        return new Page(total, items);
    }
}
