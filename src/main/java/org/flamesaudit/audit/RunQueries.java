package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.ScoreStatus;

import java.util.List;

/** Read-only views of a run: progress counts and the item list with its filters. */
@ApplicationScoped
@Transactional
public class RunQueries {

    public record Progress(long total, long generated, long scored, long unscorable, long failed) {
    }

    public record Item(long promptId, int line, String dimension, String subcomponent, String prompt,
                       String response, String error, Integer latencyMs, Integer attempts, String scoreStatus,
                       Integer score, String rationale, Integer promptTokens, Integer completionTokens,
                       String finishReason, Integer reviewedScore, String reviewedBy, String node,
                       java.time.Instant answeredAt) {
    }

    public record Page(long total, List<Item> items) {
    }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public Progress progress(AuditRun run) {
        long id = run.getId();
        // two queries, not four: the console and API clients poll this while a run is active
        Object[] answers = em.createQuery("select count(r), count(r.error) from ModelResponse r where r.run.id = :run",
                Object[].class).setParameter("run", id).getSingleResult();
        long failed = (Long) answers[1];
        long generated = (Long) answers[0] - failed;
        long scored = 0;
        long unscorable = 0;
        for (Object[] row : em.createQuery("select s.status, count(s) from Score s where s.response.run.id = :run "
                        + "and s.scorerKey = :key group by s.status", Object[].class)
                .setParameter("run", id).setParameter("key", run.getScorerKey()).getResultList()) {
            if (row[0] == ScoreStatus.SCORED) {
                scored = (Long) row[1];
            } else if (row[0] == ScoreStatus.UNSCORABLE) {
                unscorable = (Long) row[1];
            }
        }
        return new Progress(run.getTotal(), generated, scored, unscorable, failed);
    }

    /**
     * One page of the run's answered items in prompt-line order. {@code score} filters by 1, 2, 3, "unscorable",
     * "failed" or "unscored".
     */
    public Page items(AuditRun run, Dimension dimension, String subcomponent, String score, int page, int size) {
        StringBuilder where = new StringBuilder(" from ModelResponse r join r.prompt p "
                + "left join Score s on s.response = r and s.scorerKey = :key where r.run.id = :run");
        if (dimension != null) {
            where.append(" and p.dimension = :dim");
        }
        if (subcomponent != null) {
            where.append(" and p.subcomponent = :sub");
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
                case "failed" -> where.append(" and r.error is not null");
                case "unscored" -> where.append(" and r.error is null and s.id is null");
                default -> throw new IllegalArgumentException(score);
            }
        }
        TypedQuery<Long> countQuery = em.createQuery("select count(r)" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select p.id, p.lineNumber, p.dimension, p.subcomponent, p.text, "
                + "r.text, r.error, r.latencyMs, r.attempts, s.status, s.value, s.rationale, r.promptTokens, "
                + "r.completionTokens, r.finishReason, s.reviewedValue, s.reviewedBy, r.nodeName, r.createdAt" + where
                + " order by p.lineNumber", Object[].class);
        for (TypedQuery<?> q : List.of(countQuery, rows)) {
            q.setParameter("key", run.getScorerKey()).setParameter("run", run.getId());
            if (dimension != null) {
                q.setParameter("dim", dimension.label());
            }
            if (subcomponent != null) {
                q.setParameter("sub", subcomponent);
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
                        (String) r[17], (java.time.Instant) r[18]))
                .toList();
        return new Page(total, items);
    }
}
