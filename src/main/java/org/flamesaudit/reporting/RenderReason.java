package org.flamesaudit.reporting;

/** Why a report was rendered: stored with each rendering and shown in its history. */
public enum RenderReason {

    /** The audit job's last step, once the metrics were final. */
    AUDIT_JOB("audit-job"),
    /** A user asked for the reports again ({@code POST /api/runs/{id}/reports}). */
    REQUESTED("requested"),
    /** The first download of a format or language that had no rendering yet. */
    FIRST_DOWNLOAD("first-download"),
    /** A download after a review changed the run's metrics since the last rendering. */
    SCORES_CHANGED("scores-changed"),
    /** A download after a blind score was given since the last rendering. */
    BLIND_SCORED("blind-scored"),
    /** A step of the report's sign-off: the report now names its signer. */
    SIGNED_OFF("signed-off");

    private final String code;

    RenderReason(String code) {
        this.code = code;
    }

    /** The name stored and shown by the API: audit-job, requested, first-download, ... */
    public String code() {
        return code;
    }

    /** The reason stored as {@code code}, or null for renderings before V25 (and unknown codes). */
    public static RenderReason of(String code) {
        for (RenderReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }
}
