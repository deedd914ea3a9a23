package org.flamesaudit.reporting;

import java.time.Instant;
import java.util.List;

/**
 * Where a report stands in its sign-off.
 *
 * @param reportId   the report id (the fingerprint of the data behind the report)
 * @param status     DRAFT, REVIEWED or APPROVED
 * @param steps      the steps done for this report id, in order
 * @param supersedes the run's last approved report when this one differs from it (a review changed a score after
 *                   the approval): this draft replaces that report once approved; null otherwise
 */
public record SignOffStatus(String reportId, Status status, List<Step> steps, Step supersedes) {

    /** The sign-off states of a report. */
    public enum Status { DRAFT, REVIEWED, APPROVED }

    /** One step done: which, for which report id, by whom, when, with what comment. */
    public record Step(SignOffStep step, String reportId, String user, Instant at, String comment) {

        static Step of(SignOff s) {
            return new Step(s.getStep(), s.getReportId(), s.getUsername(), s.getSignedAt(), s.getComment());
        }
    }

    /** The step done for this report, or null. */
    public Step step(SignOffStep which) {
        return steps.stream().filter(s -> s.step() == which).findFirst().orElse(null);
    }

    /** A draft with no step (fixtures, a report rendered before any sign-off). */
    public static SignOffStatus draft(String reportId) {
        return new SignOffStatus(reportId, Status.DRAFT, List.of(), null);
    }
}
