package org.flamesaudit.audit;

import org.flamesaudit.run.AuditRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.RunItem;
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
                       String blockCode, String blockMessage, String unscorableReason, boolean scorersDisagree,
                       List<Verdict> verdicts) {

        Item withVerdicts(List<Verdict> all) {
            return new Item(promptId, line, dimension, subcomponent, prompt, response, error, latencyMs, attempts,
                    scoreStatus, score, rationale, promptTokens, completionTokens, finishReason, reviewedScore,
                    reviewedBy, node, answeredAt, outcome, reasoning, blockSignal, blockCode, blockMessage,
                    unscorableReason, scorersDisagree, all);
        }
    }

    /**
     * One scorer's verdict on an item, for runs with several scorers: {@code scorer} its key, {@code score} null
     * when UNSCORABLE ({@code unscorableReason} then says why).
     */
    public record Verdict(String scorer, String status, Integer score, String unscorableReason, String rationale) {
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
        for (Object[] row : em.createQuery("select i.runId, i.scoreStatus, count(i) from RunItem i "
                        + "where i.runId in :runs and i.scoreStatus is not null group by i.runId, i.scoreStatus",
                        Object[].class).setParameter("runs", ids).getResultList()) {
            long[] c = counts.get((Long) row[0]);
            c[row[1] == ScoreStatus.SCORED ? 1 : 2] = (Long) row[2];
        }
        for (AuditRun run : runs) {
            long[] c = counts.get(run.getId());
            result.put(run.getId(), new Progress(run.getTotal(), c[0], c[1], c[2], c[3], outcomes.get(run.getId())));
        }
        return result;
    }

    /**
     * One page of the run's answered items in prompt-line order. {@code score} filters by 1, 2, 3, "unscorable",
     * "failed", "unscored" or "disagree" (the run's scorers gave different verdicts). For a run with several scorers
     * every item lists each scorer's verdict, in the run's order of scorers ({@link Item#verdicts()}; null otherwise).
     */
    public Page items(AuditRun run, Dimension dimension, String subcomponent, String score, ItemOutcome outcome,
                      int page, int size) {
        return items(run, dimension, subcomponent, score, outcome, null, null, page, size);
    }

    /**
     * As {@link #items(AuditRun, Dimension, String, String, ItemOutcome, int, int)}, also narrowed by a text the
     * prompt or the answer contains (any case) and by whether a reviewer scored the answer.
     */
    public Page items(AuditRun run, Dimension dimension, String subcomponent, String score, ItemOutcome outcome,
                      String text, Boolean reviewed, int page, int size) {
        StringBuilder where = new StringBuilder(" from RunItem i where i.runId = :run");
        if (text != null) {
            where.append(" and (lower(i.prompt) like :text escape '!' or lower(i.response) like :text escape '!')");
        }
        if (reviewed != null) {
            where.append(reviewed ? " and i.reviewedValue is not null" : " and i.reviewedValue is null");
        }
        if (dimension != null) {
            where.append(" and i.dimension = :dim");
        }
        if (subcomponent != null) {
            where.append(" and i.subcomponent = :sub");
        }
        if (outcome != null) {
            where.append(" and i.outcome = :outcome");
        }
        Integer value = null;
        if (score != null) {
            switch (score) {
                case "1", "2", "3" -> {
                    value = Integer.parseInt(score);
                    where.append(" and i.effectiveValue = :value");
                }
                case "unscorable" -> where.append(" and i.scorable = true and i.scoreStatus = :unscorable"
                        + " and i.reviewedValue is null");
                case "failed" -> where.append(" and i.outcome = :failedOutcome");
                case "unscored" -> where.append(" and i.scorable = true and i.scoreId is null");
                case "disagree" -> where.append(" and i.scorersDisagree = true");
                default -> throw new IllegalArgumentException(score);
            }
        }
        TypedQuery<Long> countQuery = em.createQuery("select count(i)" + where, Long.class);
        TypedQuery<RunItem> rows = em.createQuery("select i" + where + " order by i.line", RunItem.class);
        for (TypedQuery<?> q : List.of(countQuery, rows)) {
            q.setParameter("run", run.getId());
            if (text != null) {
                q.setParameter("text", "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!")
                        .replace("%", "!%").replace("_", "!_") + "%");
            }
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
            } else if (value != null) {
                q.setParameter("value", value);
            } else if ("unscorable".equals(score)) {
                q.setParameter("unscorable", ScoreStatus.UNSCORABLE);
            }
        }
        long total = countQuery.getSingleResult();
        List<Item> items = rows.setHint("org.hibernate.readOnly", true).setFirstResult(page * size)
                .setMaxResults(size).getResultStream().map(RunQueries::toItem).toList();
        return new Page(total, withVerdicts(run.getId(), items));
    }

    /** The items with every scorer's verdict, when the run has several scorers; as they are otherwise. */
    private List<Item> withVerdicts(long runId, List<Item> items) {
        java.util.Map<Long, List<Verdict>> verdicts = verdicts(runId, items.stream().map(Item::promptId).toList());
        return verdicts.isEmpty() ? items
                : items.stream().map(i -> i.withVerdicts(verdicts.get(i.promptId()))).toList();
    }

    /**
     * Every scorer's verdict on each of the prompts {@code promptIds}, in the run's order of scorers (a scorer that
     * has given none yet has a verdict with null status); an empty map for a run with one scorer.
     */
    public java.util.Map<Long, List<Verdict>> verdicts(long runId, java.util.Collection<Long> promptIds) {
        List<String> keys = em.createQuery("select m.scorerKey from RunScorerMember m where m.runId = :run "
                + "order by m.position", String.class).setParameter("run", runId).getResultList();
        if (keys.size() < 2 || promptIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, java.util.Map<String, Verdict>> byPrompt = new java.util.HashMap<>();
        em.createQuery("select p.id, s from Score s join s.response r join r.prompt p where r.run.id = :run "
                        + "and s.scorerKey in :keys and p.id in :prompts", Object[].class)
                .setParameter("run", runId).setParameter("keys", keys).setParameter("prompts", promptIds)
                .getResultStream().forEach(row -> {
                    org.flamesaudit.scoring.Score s = (org.flamesaudit.scoring.Score) row[1];
                    byPrompt.computeIfAbsent((Long) row[0], k -> new java.util.HashMap<>()).put(s.getScorerKey(),
                            new Verdict(s.getScorerKey(), s.getStatus().name(), s.getValue(),
                                    s.getUnscorableReason() == null ? null : s.getUnscorableReason().name(),
                                    s.getRationale()));
                });
        java.util.Map<Long, List<Verdict>> out = new java.util.HashMap<>();
        for (Long prompt : promptIds) {
            java.util.Map<String, Verdict> given = byPrompt.getOrDefault(prompt, java.util.Map.of());
            out.put(prompt, keys.stream().map(k -> given.getOrDefault(k, new Verdict(k, null, null, null, null)))
                    .toList());
        }
        return out;
    }

    private static Item toItem(RunItem i) {
        return new Item(i.getPromptId(), i.getLine(), i.getDimension(), i.getSubcomponent(), i.getPrompt(),
                i.getResponse(), i.getError(), (int) i.getLatencyMs(), i.getAttempts(),
                i.getScoreStatus() == null ? null : i.getScoreStatus().name(), i.getScorerValue(), i.getRationale(),
                i.getPromptTokens(), i.getCompletionTokens(), i.getFinishReason(), i.getReviewedValue(),
                i.getReviewedBy(), i.getNode(), i.getAnsweredAt(), i.getOutcome(), i.getReasoning(),
                i.getBlockSignal(), i.getBlockCode(), i.getBlockMessage(),
                i.getUnscorableReason() == null ? null : i.getUnscorableReason().name(), i.isScorersDisagree(),
                null);
    }
}
