package org.flamesaudit.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.generation.ModelResponse;

import java.util.List;

/** Queries and writes of the score step. Joins the chunk transaction when called inside one. */
@ApplicationScoped
@Transactional
public class ScoringStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * The next page of this partition's answers without a score from {@code scorerKey}: only outcomes a scorer sees
     * ({@link ItemOutcome#SCORED_OUTCOMES}) with text; blocked, empty and failed items never reach a scorer.
     */
    public List<ScoringItem> unscored(long runId, String scorerKey, long afterResponseId, int partitionIndex,
                                      int partitionCount, int pageSize) {
        List<Object[]> rows = em.createQuery("select r.id, p.dimension, p.subcomponent, p.text, r.text "
                        + "from ModelResponse r join r.prompt p where r.run.id = :run and r.outcome in :scored "
                        + "and r.text is not null "
                        + "and r.id > :after and mod(r.id, :n) = :i and not exists "
                        + "(select s.id from Score s where s.response = r and s.scorerKey = :key) order by r.id",
                        Object[].class)
                .setParameter("run", runId).setParameter("after", afterResponseId)
                .setParameter("scored", ItemOutcome.SCORED_OUTCOMES)
                .setParameter("n", partitionCount).setParameter("i", partitionIndex)
                .setParameter("key", scorerKey).setMaxResults(pageSize).getResultList();
        return rows.stream().map(r -> new ScoringItem((Long) r[0], Dimension.requireLabel((String) r[1]),
                (String) r[2], (String) r[3], (String) r[4])).toList();
    }

    public long countUnscored(long runId, String scorerKey) {
        return em.createQuery("select count(r) from ModelResponse r where r.run.id = :run and r.outcome in :scored "
                        + "and r.text is not null "
                        + "and not exists (select s.id from Score s where s.response = r and s.scorerKey = :key)",
                        Long.class)
                .setParameter("run", runId).setParameter("key", scorerKey)
                .setParameter("scored", ItemOutcome.SCORED_OUTCOMES).getSingleResult();
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
            em.persist(new Score(em.getReference(ModelResponse.class, items.get(i).responseId()), scorerKey, version,
                    results.get(i)));
        }
    }
}
