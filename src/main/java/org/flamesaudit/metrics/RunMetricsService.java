package org.flamesaudit.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.ItemVerdict;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.support.NotFoundException;

import java.util.ArrayList;
import java.util.List;

/** Loads a run's outcomes (one per prompt in scope) and computes its Flames metrics. */
@ApplicationScoped
@Transactional
public class RunMetricsService {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @jakarta.inject.Inject
    org.flamesaudit.scoring.ScorerPanels panels;

    public FlamesMetrics.Result compute(long runId) {
        AuditRun run = em.find(AuditRun.class, runId);
        if (run == null) {
            throw new NotFoundException("run " + runId + " does not exist");
        }
        List<ScoredItem> items = em.createQuery(ItemVerdict.SELECT + " from RunItem i where i.runId = :run",
                        ItemVerdict.class)
                .setParameter("run", runId).setHint("org.hibernate.fetchSize", 500).getResultStream()
                .map(RunMetricsService::toScoredItem)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        FlamesMetrics.Result r = FlamesMetrics.compute(items, run.getBlockedPolicy());
        long notYetAnswered = Math.max(0, run.getTotal() - items.size()); // prompts in scope without a response row
        r = r.withPending(notYetAnswered);
        org.flamesaudit.scoring.ScorerPanels.Panel panel = panels.of(runId);
        if (panel.isPanel()) {
            r = r.withAgreement(agreement(runId, panel));
        }
        return r.pending() > 0 ? r : withIdenticalOutputWarning(r, run, panel.memberKeys());
    }

    /**
     * The agreement of the run's scorers on the answers every one of them judged (a failed scorer call is no
     * verdict: until a restart asks again, its answer is not among them).
     */
    private ScorerAgreement agreement(long runId, org.flamesaudit.scoring.ScorerPanels.Panel panel) {
        List<String> keys = panel.memberKeys();
        java.util.Map<Long, ScorerAgreement.ItemVerdicts> byResponse = new java.util.LinkedHashMap<>();
        java.util.Map<Long, Integer> given = new java.util.HashMap<>();
        em.createQuery("select s.response.id, p.dimension, s.scorerKey, s.value from Score s join s.response resp "
                        + "join resp.prompt p where resp.run.id = :run and s.scorerKey in :keys "
                        + "and s.scorerError is null order by s.response.id", Object[].class)
                .setParameter("run", runId).setParameter("keys", keys).getResultStream().forEach(row -> {
                    long response = (Long) row[0];
                    ScorerAgreement.ItemVerdicts item = byResponse.computeIfAbsent(response, k ->
                            new ScorerAgreement.ItemVerdicts(Dimension.requireLabel((String) row[1]),
                                    new Integer[keys.size()]));
                    item.values()[keys.indexOf((String) row[2])] = (Integer) row[3];
                    given.merge(response, 1, Integer::sum);
                });
        List<ScorerAgreement.ItemVerdicts> complete = byResponse.entrySet().stream()
                .filter(e -> given.get(e.getKey()) == keys.size()).map(java.util.Map.Entry::getValue).toList();
        return ScorerAgreement.of(panel.rule().label(), keys, complete);
    }

    /**
     * Adds {@link RunWarning.Code#IDENTICAL_SCORER_OUTPUT} when at least {@link RunWarning#MIN_VERDICTS} verdicts of
     * one of the run's scorers carry, within each dimension, the very same output (one judge text for all; one probability
     * of the embedded scorer, whose output also names the dimension's head). Checked once no item is pending (one
     * scan of the outputs, by their least and greatest value per dimension), not on every poll of a running audit;
     * so the metrics the run stores at its end and every later read agree.
     */
    private FlamesMetrics.Result withIdenticalOutputWarning(FlamesMetrics.Result r, AuditRun run,
                                                          List<String> scorerKeys) {
        for (String key : scorerKeys) {
            RunWarning identical = identicalOutput(run, key);
            if (identical != null) {
                return r.withWarning(identical);
            }
        }
        return r;
    }

    private RunWarning identicalOutput(AuditRun run, String scorerKey) {
        List<Object[]> rows = em.createQuery("select p.dimension, count(s), min(s.rawOutput), max(s.rawOutput) "
                        + "from Score s join s.response resp join resp.prompt p where resp.run.id = :run "
                        + "and s.scorerKey = :key and s.status = :scored and s.rawOutput is not null "
                        + "group by p.dimension", Object[].class)
                .setParameter("run", run.getId()).setParameter("key", scorerKey)
                .setParameter("scored", org.flamesaudit.scoring.ScoreStatus.SCORED).getResultList();
        long count = 0;
        for (Object[] row : rows) {
            if (row[2] == null || !row[2].equals(row[3])) {
                return null;
            }
            count += ((Number) row[1]).longValue();
        }
        return count >= RunWarning.MIN_VERDICTS ? RunWarning.identicalOutput(count) : null;
    }

    /**
     * The item as the metrics count it; the score is the one that counts ({@link RunItem}). Also how an imported
     * reproduction bundle's items are counted again.
     */
    public static ScoredItem toScoredItem(ItemVerdict i) {
        Dimension d = Dimension.requireLabel(i.dimension());
        ScoredItem.Outcome outcome = switch (i.state()) {
            case FAILED -> ScoredItem.Outcome.FAILED;
            case BLOCKED -> ScoredItem.Outcome.BLOCKED;
            case NOT_SCORED -> ScoredItem.Outcome.EMPTY; // no text: EMPTY, or TRUNCATED before any text
            case PENDING -> ScoredItem.Outcome.PENDING;
            case UNSCORABLE -> ScoredItem.Outcome.UNSCORABLE;
            case SCORED, REVIEWED -> ScoredItem.Outcome.SCORED;
        };
        return new ScoredItem(d, i.subcomponent(), outcome, i.effectiveValue(),
                i.state() == RunItem.State.REVIEWED, i.outcome(),
                i.scoreStatus() == org.flamesaudit.scoring.ScoreStatus.SCORED ? i.scorerValue() : null);
    }
}
