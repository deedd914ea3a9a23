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

    /**
     * {@code PROMPTS_PENDING}: prompts in scope have no answer row at all (neither answered nor failed) although every
     * step ran; the run must not complete with them missing, whatever the threshold, and no auditor may accept it.
     */
    public enum Verdict { COMPLETE, TOO_MANY_FAILURES, NOTHING_ANSWERED, PROMPTS_PENDING }

    private Completion() {
    }

    /**
     * @param total the prompts in the run's scope; @param failed those FAILED; @param pending those without any
     * answer row; @param maxFailedShare 0..1
     */
    public static Verdict of(long total, long failed, long pending, double maxFailedShare) {
        if (pending > 0) {
            return Verdict.PROMPTS_PENDING;
        }
        if (total > 0 && failed >= total) {
            return Verdict.NOTHING_ANSWERED;
        }
        return total > 0 && (double) failed / total > maxFailedShare ? Verdict.TOO_MANY_FAILURES : Verdict.COMPLETE;
    }

    /** What the run says when its verdict is not COMPLETE: the figures and what the auditor can do. */
    public static String reason(long runId, long total, long failed, long pending, double maxFailedShare) {
        return switch (of(total, failed, pending, maxFailedShare)) {
            case COMPLETE -> null;
            case PROMPTS_PENDING -> pending + " of " + total + " prompts in scope have no answer although every step "
                    + "ran (never asked, or their answers were lost): the metrics are not final; POST /api/runs/"
                    + runId + "/restart to ask them";
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
