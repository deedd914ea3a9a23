package org.flamesaudit.actionlog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.CurrentUser;

import java.time.Instant;
import java.util.List;

/**
 * Records the actions of {@link Action} with the acting user ({@link CurrentUser}) in the caller's transaction, so an
 * action that rolls back leaves no entry, and reads them back for the audit log.
 */
@ApplicationScoped
@Transactional
public class ActionLog {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /** Chains the entry this class writes into the tamper-evident audit log, in the same transaction. */
    @jakarta.inject.Inject
    org.flamesaudit.auditchain.AuditChain chain;

    /** A run's action: started, stopped, restarted. */
    public void run(Action action, long runId, String detail) {
        record(action, runId, null, null, detail);
    }

    /** A dataset's import. */
    public void dataset(long datasetId, String detail) {
        record(Action.DATASET_IMPORTED, null, datasetId, null, detail);
    }

    /** A reproduction bundle's import: {@code bundleId} is the imported bundle's id, in the detail. */
    public void bundle(Action action, long bundleId, String detail) {
        record(action, null, null, null, "imported bundle " + bundleId + " · " + detail);
    }

    /** A signed TC260 self-assessment (it is rendered on request, not stored: its SHA-256 is in the detail). */
    public void assessment(String detail) {
        record(Action.ASSESSMENT_SIGNED, null, null, null, detail);
    }

    /** A report's rendering or download. */
    public void report(Action action, long runId, long renderingId, String detail) {
        record(action, runId, null, renderingId, detail);
    }

    private void record(Action action, Long runId, Long datasetId, Long renderingId, String detail) {
        em.persist(new ActionRecord(Instant.now(), CurrentUser.name(), action, runId, datasetId, renderingId, detail,
                AppConfig.nodeName()));
        chain.seal();
    }

    /** The newest {@code max} entries, of one run where {@code runId} is given, newest first. */
    public List<ActionRecord> newest(Long runId, int max) {
        var query = runId == null
                ? em.createQuery("select a from ActionRecord a order by a.at desc, a.id desc", ActionRecord.class)
                : em.createQuery("select a from ActionRecord a where a.runId = :run order by a.at desc, a.id desc",
                ActionRecord.class).setParameter("run", runId);
        return query.setMaxResults(max).getResultList();
    }
}
