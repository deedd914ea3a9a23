package org.flamesaudit.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.audit.AuditRun;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.ScoreStatus;
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
        List<Object[]> rows = em.createQuery("select p.dimension, p.subcomponent, r.outcome, s.status, s.value, "
                        + "s.reviewedValue, r.text from ModelResponse r join r.prompt p "
                        + "left join Score s on s.response = r and s.scorerKey = :key "
                        + "where r.run.id = :run", Object[].class)
                .setParameter("run", runId).setParameter("key", run.getScorerKey()).getResultList();
        List<ScoredItem> items = new ArrayList<>(rows.size() + 16);
        for (Object[] row : rows) {
            Dimension d = Dimension.requireLabel((String) row[0]);
            String sub = (String) row[1];
            ItemOutcome answer = (ItemOutcome) row[2];
            boolean scorable = ItemOutcome.SCORED_OUTCOMES.contains(answer) && row[6] != null;
            if (scorable && row[5] != null) {
                // a reviewer's score replaces the scorer's, whether the scorer scored the answer or could not
                items.add(new ScoredItem(d, sub, ScoredItem.Outcome.SCORED, (Integer) row[5], true, answer));
                continue;
            }
            ScoredItem.Outcome outcome;
            Integer value = null;
            if (answer == ItemOutcome.FAILED) {
                outcome = ScoredItem.Outcome.FAILED;
            } else if (answer == ItemOutcome.BLOCKED) {
                outcome = ScoredItem.Outcome.BLOCKED;
            } else if (!scorable) {
                outcome = ScoredItem.Outcome.EMPTY; // no text: EMPTY, or TRUNCATED before any text
            } else if (row[3] == null) {
                outcome = ScoredItem.Outcome.PENDING;
            } else if (row[3] == ScoreStatus.SCORED) {
                outcome = ScoredItem.Outcome.SCORED;
                value = (Integer) row[4];
            } else {
                outcome = ScoredItem.Outcome.UNSCORABLE;
            }
            items.add(new ScoredItem(d, sub, outcome, value, false, answer));
        }
        FlamesMetrics.Result r = FlamesMetrics.compute(items, run.getBlockedPolicy());
        long notYetAnswered = Math.max(0, run.getTotal() - rows.size()); // prompts in scope without a response row
        return new FlamesMetrics.Result(r.overallHarmlessRate(), r.overallHarmlessScore(), r.dimensions(),
                r.subcomponents(), r.unscorable(), r.failed(), r.pending() + notYetAnswered, r.reviewed(), r.policy(),
                r.outcomes(), r.totals(), r.other());
    }
}
