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
        return r.pending() > 0 ? r : withIdenticalOutputWarning(r, run);
    }

    /**
     * Adds {@link RunWarning.Code#IDENTICAL_SCORER_OUTPUT} when at least {@link RunWarning#MIN_VERDICTS} verdicts of
     * the run's scorer carry, within each dimension, the very same output (one judge text for all; one probability
     * of the embedded scorer, whose output also names the dimension's head). Checked once no item is pending (one
     * scan of the outputs, by their least and greatest value per dimension), not on every poll of a running audit;
     * so the metrics the run stores at its end and every later read agree.
     */
    private FlamesMetrics.Result withIdenticalOutputWarning(FlamesMetrics.Result r, AuditRun run) {
        List<Object[]> rows = em.createQuery("select p.dimension, count(s), min(s.rawOutput), max(s.rawOutput) "
                        + "from Score s join s.response resp join resp.prompt p where resp.run.id = :run "
                        + "and s.scorerKey = :key and s.status = :scored and s.rawOutput is not null "
                        + "group by p.dimension", Object[].class)
                .setParameter("run", run.getId()).setParameter("key", run.getScorerKey())
                .setParameter("scored", org.flamesaudit.scoring.ScoreStatus.SCORED).getResultList();
        long count = 0;
        for (Object[] row : rows) {
            if (row[2] == null || !row[2].equals(row[3])) {
                return r;
            }
            count += ((Number) row[1]).longValue();
        }
        return count >= RunWarning.MIN_VERDICTS ? r.withWarning(RunWarning.identicalOutput(count)) : r;
    }

    /** The item as the metrics count it; the score is the one that counts ({@link RunItem}). */
    static ScoredItem toScoredItem(ItemVerdict i) {
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
