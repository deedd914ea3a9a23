package org.flamesaudit.actionlog;

/** What a person (or the server) did that the audit log must show and no audited entity's revision records. */
public enum Action {
    /** A run was created and its job started (by a user, or by a schedule's firing as "system"). */
    RUN_STARTED,
    /** A user asked a running run to stop. */
    RUN_STOPPED,
    /** A user restarted a stopped, failed or halted run. */
    RUN_RESTARTED,
    /** A prompt set was imported (its first version or a new one). */
    DATASET_IMPORTED,
    /** A report was rendered and stored (by the audit job, or on a user's request). */
    REPORT_RENDERED,
    /** A stored report was downloaded. */
    REPORT_DOWNLOADED,
    /** A report was signed off as reviewed (the first step of its sign-off). */
    REPORT_REVIEWED,
    /** A report was signed off as approved (the last step: it is no longer a draft). */
    REPORT_APPROVED,
    /** A run's reproduction bundle was written and downloaded. */
    BUNDLE_EXPORTED,
    /** A reproduction bundle was checked and imported (the imported bundle's id in the detail). */
    BUNDLE_IMPORTED,
    /** A TC260 self-assessment PDF was rendered and signed (the assessment id, runs and SHA-256 in the detail). */
    ASSESSMENT_SIGNED,
    /** A run's alert reached its webhook (a 2xx answer). */
    ALERT_DELIVERED,
    /** A try to deliver a run's alert failed (the answer or error, and whether it is tried again). */
    ALERT_FAILED
}
