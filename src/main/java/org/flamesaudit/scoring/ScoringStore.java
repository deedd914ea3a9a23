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
     * The next page of this partition's answers without a verdict of the scorer {@code scorerKey} (one of the run's
     * scorers): only answers a scorer sees ({@link RunItem#isScorable()}: ANSWERED, REFUSED, TRUNCATED with text);
     * blocked, empty and failed items never reach a scorer. Read outside the caller's transaction (the chunk's), so
     * that the chunk holds no database connection while its judge calls run: each verdict takes one of its own
     * ({@link #persistAlone}), and at concurrency 64 two per partition would outgrow the pool.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<ScoringItem> unscored(long runId, String scorerKey, long afterResponseId, int partitionIndex,
                                      int partitionCount, int pageSize) {
        return em.createQuery("select i from RunItem i where i.runId = :run and i.scorable = true "
                        + "and i.responseId > :after and mod(i.responseId, :n) = :i " + WITHOUT_VERDICT
                        + "order by i.responseId", RunItem.class)
                .setParameter("run", runId).setParameter("key", scorerKey).setParameter("after", afterResponseId)
                .setParameter("n", partitionCount).setParameter("i", partitionIndex)
                .setHint("org.hibernate.readOnly", true).setMaxResults(pageSize).getResultStream()
                .map(i -> new ScoringItem(i.getResponseId(), Dimension.requireLabel(i.getDimension()),
                        i.getSubcomponent(), i.getPrompt(), i.getResponse())).toList();
    }

    /** The run's answers a scorer sees that have no verdict of the scorer {@code scorerKey} yet. */
    public long countUnscored(long runId, String scorerKey) {
        return em.createQuery("select count(i) from RunItem i where i.runId = :run and i.scorable = true "
                + WITHOUT_VERDICT, Long.class).setParameter("run", runId).setParameter("key", scorerKey)
                .getSingleResult();
    }

    private static final String WITHOUT_VERDICT = "and not exists (select s.id from Score s "
            + "where s.response.id = i.responseId and s.scorerKey = :key) ";

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
