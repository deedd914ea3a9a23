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
                       String finishReason, Integer reviewedScore, String reviewedBy, String node) {
    }

    public record Page(long total, List<Item> items) {
    }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public Progress progress(AuditRun run) {
        long id = run.getId();
        long generated = count("select count(r) from ModelResponse r where r.run.id = :run and r.error is null", id, null);
        long failed = count("select count(r) from ModelResponse r where r.run.id = :run and r.error is not null", id, null);
        long scored = count("select count(s) from Score s where s.response.run.id = :run and s.scorerKey = :key "
                + "and s.status = org.flamesaudit.scoring.ScoreStatus.SCORED", id, run.getScorerKey());
        long unscorable = count("select count(s) from Score s where s.response.run.id = :run and s.scorerKey = :key "
                + "and s.status = org.flamesaudit.scoring.ScoreStatus.UNSCORABLE", id, run.getScorerKey());
        return new Progress(run.getTotal(), generated, scored, unscorable, failed);
    }

    private long count(String jpql, long runId, String key) {
        TypedQuery<Long> q = em.createQuery(jpql, Long.class).setParameter("run", runId);
        if (key != null) {
            q.setParameter("key", key);
        }
        return q.getSingleResult();
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
                + "r.completionTokens, r.finishReason, s.reviewedValue, s.reviewedBy, r.nodeName" + where
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
                        (String) r[17]))
                .toList();
        return new Page(total, items);
    }
}
