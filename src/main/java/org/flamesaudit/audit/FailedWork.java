package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.generation.ItemOutcome;

import java.util.EnumSet;
import java.util.Set;

/** A run's work that a restart does again: failed model calls (and, when asked, blocked prompts) and failed scorer calls. */
@ApplicationScoped
@Transactional
public class FailedWork {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * Removes the run's failed work so that a restart tries it again: responses whose model call failed (and, when
     * asked, prompts the provider blocked), and scores whose scorer call failed (not verdicts: an unparseable judge
     * answer stays UNSCORABLE). Returns how many rows.
     */
    public int reset(long runId, boolean blockedToo) {
        int scores = em.createQuery("delete from Score s where s.scorerError is not null and s.response.id in "
                        + "(select r.id from ModelResponse r where r.run.id = :run)")
                .setParameter("run", runId).executeUpdate();
        Set<ItemOutcome> asked = retried(blockedToo);
        int responses = em.createQuery("delete from ModelResponse r where r.run.id = :run and r.outcome in :asked")
                .setParameter("run", runId).setParameter("asked", asked).executeUpdate();
        return scores + responses;
    }

    /** How many rows {@link #reset} would remove, without removing them. */
    public long count(long runId, boolean blockedToo) {
        long scores = em.createQuery("select count(s) from Score s where s.scorerError is not null and s.response.run.id "
                + "= :run", Long.class).setParameter("run", runId).getSingleResult();
        long responses = em.createQuery("select count(r) from ModelResponse r where r.run.id = :run and r.outcome in "
                        + ":asked", Long.class).setParameter("run", runId)
                .setParameter("asked", retried(blockedToo)).getSingleResult();
        return scores + responses;
    }

    private static Set<ItemOutcome> retried(boolean blockedToo) {
        return blockedToo ? EnumSet.of(ItemOutcome.FAILED,
                ItemOutcome.BLOCKED)
                : EnumSet.of(ItemOutcome.FAILED);
    }
}
