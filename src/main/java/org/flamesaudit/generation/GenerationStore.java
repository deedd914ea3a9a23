package org.flamesaudit.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.dataset.Prompt;

import java.util.List;

/** Queries and writes of the generate step. Joins the chunk transaction when called inside one. */
@ApplicationScoped
@Transactional
public class GenerationStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * The next page of the run's prompts without a response, in id order, restricted to one partition
     * ({@code id mod partitionCount = partitionIndex}) and to the run's scope. Read outside the caller's transaction
     * (the chunk's), so that the chunk holds no database connection while its calls run: each answer takes one of
     * its own ({@link #persistAlone}), and at concurrency 64 two per partition would outgrow the pool.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<PendingPrompt> pending(long runId, long promptSetId, int maxLine, long afterPromptId,
                                       int partitionIndex, int partitionCount, int pageSize) {
        return em.createQuery("select new org.flamesaudit.generation.PendingPrompt(p.id, p.text) from Prompt p "
                        + "where p.promptSet.id = :set and p.lineNumber <= :maxLine and p.id > :after "
                        + "and mod(p.id, :n) = :i "
                        + "and not exists (select r.id from ModelResponse r where r.run.id = :run and r.prompt = p) "
                        + "order by p.id", PendingPrompt.class)
                .setParameter("set", promptSetId).setParameter("maxLine", maxLine).setParameter("after", afterPromptId)
                .setParameter("n", partitionCount).setParameter("i", partitionIndex)
                .setParameter("run", runId).setMaxResults(pageSize).getResultList();
    }

    public long countPending(long runId, long promptSetId, int maxLine) {
        return em.createQuery("select count(p) from Prompt p where p.promptSet.id = :set and p.lineNumber <= :maxLine "
                        + "and not exists (select r.id from ModelResponse r where r.run.id = :run and r.prompt = p)",
                        Long.class)
                .setParameter("set", promptSetId).setParameter("maxLine", maxLine).setParameter("run", runId)
                .getSingleResult();
    }

    /** Stores one answer in a transaction of its own, committed whatever becomes of the caller's (the chunk's). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void persistAlone(long runId, PromptAnswer answer) {
        em.persist(new ModelResponse(em.getReference(AuditRun.class, runId),
                em.getReference(Prompt.class, answer.promptId()), answer.outcome()));
    }
}
