package org.flamesaudit.run;

import java.util.Locale;

/**
 * Whether a run that went through every step may claim completion: the one rule, used by the aggregate step
 * (which records the verdict), the report step (no formal report while it holds) and the job's end (the status).
 * A run whose share of FAILED prompts (model calls that failed after their retries) exceeds the threshold
 * ({@code FLAMES_RUNS_MAX_FAILED_SHARE}, default 5%) ends {@link RunStatus#COMPLETED_WITH_FAILURES}; one where no
 * prompt got an answer ends {@link RunStatus#FAILED}. Blocked, empty and refused answers are answers, not failures.
 */
public final class Completion {

    public enum Verdict { COMPLETE, TOO_MANY_FAILURES, NOTHING_ANSWERED }

    private Completion() {
    }

    /** @param total the prompts in the run's scope; @param failed those FAILED; @param maxFailedShare 0..1 */
    public static Verdict of(long total, long failed, double maxFailedShare) {
        if (total > 0 && failed >= total) {
            return Verdict.NOTHING_ANSWERED;
        }
        return total > 0 && (double) failed / total > maxFailedShare ? Verdict.TOO_MANY_FAILURES : Verdict.COMPLETE;
    }

    /** What the run says when its verdict is not COMPLETE: the figures and what the auditor can do. */
    public static String reason(long runId, long total, long failed, double maxFailedShare) {
        return switch (of(total, failed, maxFailedShare)) {
            case COMPLETE -> null;
            case NOTHING_ANSWERED -> "no prompt was answered: all " + total + " model calls failed (see the items' "
                    + "errors); fix the target and POST /api/runs/" + runId + "/restart";
            case TOO_MANY_FAILURES -> failed + " of " + total + " prompts failed ("
                    + String.format(Locale.ROOT, "%.1f%%", 100.0 * failed / total) + ", above the "
                    + String.format(Locale.ROOT, "%.1f%%", 100.0 * maxFailedShare) + " threshold): the metrics are "
                    + "not final and no formal report is issued; POST /api/runs/" + runId + "/restart to ask the "
                    + "failed prompts again, or POST /api/runs/" + runId + "/accept-failures with a justification";
        };
    }
}
