package org.flamesaudit.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads the sign-off steps of reports ({@code report_signoff}); {@link SignOffService} writes them. */
@ApplicationScoped
@Transactional
public class SignOffStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * Where the report {@code reportId} of run {@code runId} stands: its steps, and the run's last approved report
     * when that is another report id (which this one supersedes once approved).
     */
    public SignOffStatus status(long runId, String reportId) {
        List<SignOffStatus.Step> steps = em.createQuery("select s from SignOff s where s.reportId = :r order by s.id",
                        SignOff.class).setParameter("r", reportId).getResultStream().map(SignOffStatus.Step::of)
                .toList();
        SignOffStatus.Status status = steps.stream().anyMatch(s -> s.step() == SignOffStep.APPROVED)
                ? SignOffStatus.Status.APPROVED : steps.isEmpty() ? SignOffStatus.Status.DRAFT
                : SignOffStatus.Status.REVIEWED;
        SignOffStatus.Step supersedes = em.createQuery("select s from SignOff s where s.runId = :run "
                        + "and s.step = :approved and s.reportId <> :r order by s.id desc", SignOff.class)
                .setParameter("run", runId).setParameter("approved", SignOffStep.APPROVED).setParameter("r", reportId)
                .setMaxResults(1).getResultStream().map(SignOffStatus.Step::of).findFirst().orElse(null);
        return new SignOffStatus(reportId, status, steps, supersedes);
    }

    /** Every step of every report of the run, oldest first. */
    public List<SignOffStatus.Step> history(long runId) {
        return em.createQuery("select s from SignOff s where s.runId = :run order by s.id", SignOff.class)
                .setParameter("run", runId).getResultStream().map(SignOffStatus.Step::of).toList();
    }
}
