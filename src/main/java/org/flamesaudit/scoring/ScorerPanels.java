package org.flamesaudit.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;

import java.util.List;

/** The scorers of each run ({@code run_scorer}) and its decision rule: stored when the run is created, read after. */
@ApplicationScoped
@Transactional
public class ScorerPanels {

    /**
     * A run's scorers as they decide. {@code members}: in the run's order, the primary first; {@code countingKey}: the
     * key of the verdict that counts (the run's {@code scorer_key}).
     */
    public record Panel(DecisionRule rule, List<RunScorerMember> members, String countingKey) {

        public List<String> memberKeys() {
            return members.stream().map(RunScorerMember::getScorerKey).toList();
        }

        /** Whether the run has more than one scorer. */
        public boolean isPanel() {
            return members.size() > 1;
        }

        public RunScorerMember member(int position) {
            return members.get(position);
        }
    }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    /** Stores the run's scorers, {@code keys.get(i)} and {@code configs.get(i)} at position i. */
    public void add(long runId, List<String> keys, List<String> configs) {
        for (int i = 0; i < keys.size(); i++) {
            em.persist(new RunScorerMember(runId, i, keys.get(i), configs.get(i)));
        }
    }

    /**
     * The run's panel. A run stored without members (created by a server that failed between storing the run and
     * its members) has its primary scorer alone.
     */
    public Panel of(long runId) {
        AuditRun run = runs.require(runId);
        List<RunScorerMember> members = em.createQuery("select m from RunScorerMember m where m.runId = :run "
                + "order by m.position", RunScorerMember.class).setParameter("run", runId).getResultList();
        if (members.isEmpty()) {
            members = List.of(new RunScorerMember(runId, 0, run.getScorerKey(), run.getScorerConfig()));
        }
        return new Panel(DecisionRule.valueOf(run.getDecisionRule()), members, run.getScorerKey());
    }
}
