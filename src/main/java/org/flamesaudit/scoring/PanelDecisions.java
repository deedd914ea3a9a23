package org.flamesaudit.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.flamesaudit.generation.ModelResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the verdict that counts for runs whose decision rule decides ({@link DecisionRule#MAJORITY},
 * {@link DecisionRule#UNANIMOUS}): one score row per item under the panel's key, from the verdicts of all the run's
 * scorers, once every scorer has given one. Written as the last verdict of an item arrives (by the score step's
 * writer, which locks the items' answers first, so that two scorers finishing one item at once decide it once)
 * and, for any left undecided (a crash between a verdict and its decision), at the start of the aggregate step. The unique (response, scorer) constraint keeps one decision per item.
 */
@ApplicationScoped
@Transactional
public class PanelDecisions {

    /** Stored as the decision's scorer version: the rule's own, which changes only with {@link DecisionRule}. */
    public static final String VERSION = "decision-rule/1";

    /** Answers decided per page by {@link #decideAll}. */
    static final int PAGE = 500;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    ScorerPanels panels;

    /**
     * Decides those of {@code responseIds} that every scorer of the run has a verdict on and that have no decision,
     * committed on its own. Returns how many were decided; 0 for a run whose rule does not decide.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int decide(long runId, Collection<Long> responseIds) {
        if (responseIds.isEmpty()) {
            return 0;
        }
        // two scorers' writers finishing one item at once: the second waits here until the first has committed,
        // then finds the item decided (rows locked in id order, so two writers never wait on each other in a circle)
        em.createQuery("select r.id from ModelResponse r where r.id in :ids order by r.id", Long.class)
                .setParameter("ids", responseIds).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        return decideWhere(runId, responseIds);
    }

    private static final ScoringLogger LOG = org.jboss.logging.Logger.getMessageLogger(
            java.lang.invoke.MethodHandles.lookup(), ScoringLogger.class, PanelDecisions.class.getName());

    /**
     * Decides every item of the run that can be decided and is not; returns how many. Works through the undecided
     * answers {@value #PAGE} at a time, so that a run left undecided by a crash (60,000 answers) is never held in
     * one persistence context.
     */
    public int decideAll(long runId) {
        ScorerPanels.Panel panel = panels.of(runId);
        if (!panel.rule().decides()) {
            return 0;
        }
        List<Long> undecided = em.createQuery("select r.id from ModelResponse r where r.run.id = :run "
                        + "and not exists (select d.id from Score d where d.response = r and d.scorerKey = :decision) "
                        + "and exists (select s.id from Score s where s.response = r and s.scorerKey in :keys) "
                        + "order by r.id", Long.class)
                .setParameter("run", runId).setParameter("decision", panel.countingKey())
                .setParameter("keys", panel.memberKeys()).getResultList();
        int decided = 0;
        for (int from = 0; from < undecided.size(); from += PAGE) {
            decided += decideWhere(runId, undecided.subList(from, Math.min(undecided.size(), from + PAGE)));
            em.flush();
            em.clear();
        }
        if (decided > 0) {
            LOG.decidedAtAggregation(runId, decided, panels.of(runId).rule().label());
        }
        return decided;
    }

    private int decideWhere(long runId, Collection<Long> responseIds) {
        ScorerPanels.Panel panel = panels.of(runId);
        if (!panel.rule().decides()) {
            return 0;
        }
        List<String> keys = panel.memberKeys();
        TypedQuery<Score> q = em.createQuery("select s from Score s where s.response.run.id = :run "
                        + "and s.scorerKey in :keys and s.response.id in :ids "
                        + "and not exists (select d.id from Score d where d.response = s.response "
                        + "and d.scorerKey = :decision) order by s.response.id", Score.class)
                .setParameter("run", runId).setParameter("keys", keys)
                .setParameter("decision", panel.countingKey()).setParameter("ids", responseIds);
        Map<Long, Map<String, Score>> byResponse = new LinkedHashMap<>();
        for (Score s : q.getResultList()) {
            byResponse.computeIfAbsent(s.getResponse().getId(), k -> new LinkedHashMap<>()).put(s.getScorerKey(), s);
        }
        int decided = 0;
        for (Map.Entry<Long, Map<String, Score>> e : byResponse.entrySet()) {
            if (e.getValue().size() < keys.size()) {
                continue; // a scorer has not given its verdict yet
            }
            List<DecisionRule.MemberVerdict> verdicts = new ArrayList<>();
            for (String key : keys) {
                Score s = e.getValue().get(key);
                verdicts.add(new DecisionRule.MemberVerdict(key, s.getStatus(), s.getValue(),
                        s.getUnscorableReason()));
            }
            em.persist(new Score(em.getReference(ModelResponse.class, e.getKey()), panel.countingKey(), VERSION,
                    panel.rule().decide(verdicts)));
            decided++;
        }
        return decided;
    }
}
