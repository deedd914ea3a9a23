package org.flamesaudit.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.actionlog.Action;
import org.flamesaudit.actionlog.ActionLog;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.CurrentUser;

import java.time.Instant;

/**
 * The sign-off of a run's report: draft, then reviewed, then approved ({@link SignOffStep}). A step is for one report
 * id, the one the signer read: a review of a score changes the data, hence the report id, and the new report starts
 * as a draft that names the approved one it would replace ({@link SignOffStatus#supersedes()}), so an approved report
 * is never replaced without a new sign-off. Each step is stored (and chained into the tamper-evident audit log), logged
 * as an action, and the reports are rendered again at once so the current PDF names its signers.
 */
@ApplicationScoped
@Transactional
public class SignOffService {

    /** The longest comment a step keeps, in characters. */
    public static final int MAX_COMMENT = 2000;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    @Inject
    ReportService reports;

    @Inject
    SignOffStore store;

    @Inject
    ActionLog actions;

    /** Where the run's current report (its data as it is now) stands. */
    public SignOffStatus status(long runId) {
        return store.status(runId, reports.currentReportId(runId));
    }

    /**
     * Signs off the run's current report as reviewed or approved by the current user.
     *
     * @param reportId the report id the signer read (on the report's cover); must be the run's current one
     * @throws ConfigurationException (400) without a report id or with a comment over {@value #MAX_COMMENT} characters
     * @throws ConflictException (409) when the report id is not current, the step is out of order or done, the signer
     *                           started the audit, or the approver reviewed it
     */
    public SignOffStatus sign(long runId, SignOffStep step, String reportId, String comment) {
        if (reportId == null || reportId.isBlank()) {
            throw new ConfigurationException("reportId", "is required: the id of the report you read, printed on its "
                    + "cover (GET /api/runs/" + runId + "/signoff gives the current one)",
                    ConfigurationException.Kind.REQUIRED, java.util.Map.of());
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > MAX_COMMENT) {
            throw new ConfigurationException("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        AuditRun run = runs.lock(runId); // one sign-off of a run at a time, on any node
        String current = reports.currentReportId(runId);
        if (!current.equals(reportId.strip())) {
            throw new ConflictException("report " + reportId.strip() + " is not the current report of run " + runId
                    + " (" + current + "): its data changed since it was rendered (a review of a score); read the "
                    + "current report and sign that one");
        }
        String user = CurrentUser.name();
        if (starters(run).contains(user)) {
            throw new ConflictException(user + " started run " + runId + (run.getScheduleId() != null
                    && !user.equals(run.getCreatedBy()) ? " (through schedule " + run.getScheduleId() + ")" : "")
                    + " and cannot sign off its report: another person must " + step.verb() + " it");
        }
        if (step == SignOffStep.APPROVED && reviewedScores(runId, user)) {
            throw new ConflictException(user + " reviewed scores of run " + runId + " and cannot also approve its "
                    + "report: another person must");
        }
        SignOffStatus status = store.status(runId, current);
        SignOffStatus.Step reviewed = status.step(SignOffStep.REVIEWED);
        SignOffStatus.Step approved = status.step(SignOffStep.APPROVED);
        if (approved != null) {
            throw new ConflictException("report " + current + " was already approved by " + approved.user() + " at "
                    + approved.at());
        }
        if (step == SignOffStep.REVIEWED && reviewed != null) {
            throw new ConflictException("report " + current + " was already reviewed by " + reviewed.user() + " at "
                    + reviewed.at() + "; it now waits for an approver");
        }
        if (step == SignOffStep.APPROVED) {
            if (reviewed == null) {
                throw new ConflictException("report " + current + " is a draft: a reviewer signs it off as reviewed "
                        + "before it can be approved");
            }
            if (reviewed.user().equals(user)) {
                throw new ConflictException(user + " reviewed report " + current + " and cannot also approve it: "
                        + "another person must");
            }
        }
        em.persist(new SignOff(runId, current, step, user, Instant.now(), note, AppConfig.nodeName()));
        em.flush();
        // rendered first: the audit chain's head is locked by the renderings' store, after the PDF is laid out and
        // signed, never during it
        reports.renderAll(runId, RenderReason.SIGNED_OFF);
        actions.run(step == SignOffStep.REVIEWED ? Action.REPORT_REVIEWED : Action.REPORT_APPROVED, runId,
                current + (note == null ? "" : " · " + org.flamesaudit.support.Texts.fit(note, 300)));
        return store.status(runId, current);
    }

    /**
     * Who started the run: its creator, or for a run a schedule fired ("system") the schedule's creator and its
     * last editor; empty when not recorded (runs before V22).
     */
    private java.util.Set<String> starters(AuditRun run) {
        java.util.Set<String> who = new java.util.HashSet<>();
        if (run.getCreatedBy() != null && !CurrentUser.SYSTEM.equals(run.getCreatedBy())) {
            who.add(run.getCreatedBy());
        }
        if (run.getScheduleId() != null) {
            for (Object row : em.createNativeQuery("SELECT created_by, updated_by FROM schedule WHERE id = ?1")
                    .setParameter(1, run.getScheduleId()).getResultList()) {
                for (Object name : (Object[]) row) {
                    if (name != null) {
                        who.add(name.toString());
                    }
                }
            }
        }
        return who;
    }

    /** Whether {@code user} changed or confirmed a score of the run, or accepted its failures. */
    private boolean reviewedScores(long runId, String user) {
        Number reviews = (Number) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM score_review WHERE run_id = ?1 "
                + "AND reviewer = ?2) + (SELECT COUNT(*) FROM failure_acceptance WHERE run_id = ?1 AND accepted_by = "
                + "?2)").setParameter(1, runId).setParameter(2, user).getSingleResult();
        return reviews.longValue() > 0;
    }
}
