package org.flamesaudit.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ModelResponse;

import java.util.List;

/** Queries and writes of the score step. Joins the chunk transaction when called inside one. */
@ApplicationScoped
@Transactional
public class ScoringStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * The next page of this partition's answers without a verdict of the run's scorer: only answers a scorer sees
     * ({@link RunItem#isScorable()}: ANSWERED, REFUSED, TRUNCATED with text); blocked, empty and failed items never
     * reach a scorer. Read outside the caller's transaction (the chunk's), so that the chunk holds no database
     * connection while its judge calls run: each verdict takes one of its own ({@link #persistAlone}), and at
     * concurrency 64 two per partition would outgrow the pool.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<ScoringItem> unscored(long runId, long afterResponseId, int partitionIndex, int partitionCount,
                                      int pageSize) {
        return em.createQuery("select i from RunItem i where i.runId = :run and i.scorable = true "
                        + "and i.scoreId is null and i.responseId > :after and mod(i.responseId, :n) = :i "
                        + "order by i.responseId", RunItem.class)
                .setParameter("run", runId).setParameter("after", afterResponseId)
                .setParameter("n", partitionCount).setParameter("i", partitionIndex)
                .setHint("org.hibernate.readOnly", true).setMaxResults(pageSize).getResultStream()
                .map(i -> new ScoringItem(i.getResponseId(), Dimension.requireLabel(i.getDimension()),
                        i.getSubcomponent(), i.getPrompt(), i.getResponse())).toList();
    }

    /** The run's answers a scorer sees that have no verdict of the run's scorer yet. */
    public long countUnscored(long runId) {
        return em.createQuery("select count(i) from RunItem i where i.runId = :run and i.scorable = true "
                + "and i.scoreId is null", Long.class).setParameter("run", runId).getSingleResult();
    }

    /** As {@link #persist}, committed on its own whatever becomes of the caller's transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void persistAlone(List<ScoringItem> items, List<ScoreResult> results, String scorerKey, String version) {
        persist(items, results, scorerKey, version);
    }

    public void persist(List<ScoringItem> items, List<ScoreResult> results, String scorerKey, String version) {
        if (items.size() != results.size()) {
            throw new IllegalStateException("scorer returned " + results.size() + " results for " + items.size()
                    + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            // a verdict asked under an earlier version of the scorer (a judge that fell back meanwhile) keeps it
            em.persist(new Score(em.getReference(ModelResponse.class, items.get(i).responseId()), scorerKey,
                    results.get(i).versionOr(version), results.get(i)));
        }
    }
}
