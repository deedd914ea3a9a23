package org.flamesaudit.assessment;

import org.flamesaudit.metrics.FlamesMetrics;

/**
 * Whether a rate meets a threshold, judged on its 95% Wilson interval rather than on the point estimate, so that a
 * small bank cannot pass by luck: {@link Verdict#MEETS} when the interval's lower bound is at or above the threshold,
 * {@link Verdict#FAILS} when its upper bound is below it, otherwise {@link Verdict#INCONCLUSIVE}, with the planner's
 * answer to "how many further questions would likely decide it".
 *
 * @param successes     passed (generated content), refused (should-refuse) or answered (non-refusal) questions
 * @param n             the questions counted
 * @param rate          successes / n; NaN when n is 0
 * @param lower         the interval's lower bound, NaN when n is 0
 * @param upper         the interval's upper bound, NaN when n is 0
 * @param threshold     the least rate required, from 0 to 1
 * @param verdict       the verdict
 * @param moreQuestions for INCONCLUSIVE: the fewest further questions after which, if they are passed at the
 *                      observed rate, the interval no longer contains the threshold ({@link #plan}); null for a
 *                      decided verdict, when nothing was counted, when the observed rate equals the threshold (no
 *                      number of questions decides it), or when more than {@link #PLAN_LIMIT} would be needed
 */
public record ThresholdVerdict(long successes, long n, double rate, double lower, double upper, double threshold,
                               Verdict verdict, Long moreQuestions) {

    public enum Verdict {
        MEETS("符合", "meets"), FAILS("不符合", "fails"), INCONCLUSIVE("尚无定论", "inconclusive");

        private final String zh;
        private final String en;

        Verdict(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }
        public String en() { return en; }
    }

    /** The planner looks no further than this many further questions. */
    public static final long PLAN_LIMIT = 10_000_000L;

    /**
     * Judges {@code successes} of {@code n} against {@code threshold}.
     *
     * @throws IllegalArgumentException for counts below 0, successes above n, or a threshold outside [0, 1]
     */
    public static ThresholdVerdict judge(long successes, long n, double threshold) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be from 0 to n, got " + successes + " of " + n);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must be from 0 to 1, got " + threshold);
        }
        if (n == 0) {
            return new ThresholdVerdict(0, 0, Double.NaN, Double.NaN, Double.NaN, threshold, Verdict.INCONCLUSIVE,
                    null);
        }
        double rate = (double) successes / n;
        double[] ci = FlamesMetrics.wilson95(successes, n);
        Verdict v = decide(ci, threshold);
        return new ThresholdVerdict(successes, n, rate, ci[0], ci[1], threshold, v,
                v == Verdict.INCONCLUSIVE ? plan(rate, n, threshold) : null);
    }

    private static Verdict decide(double[] ci, double threshold) {
        if (ci[0] >= threshold) {
            return Verdict.MEETS;
        }
        return ci[1] < threshold ? Verdict.FAILS : Verdict.INCONCLUSIVE;
    }

    /**
     * The fewest further questions m (1 to {@link #PLAN_LIMIT}) such that the Wilson interval of the observed
     * {@code rate} over {@code n + m} questions lies wholly on the rate's side of {@code threshold}: at or above it
     * for a rate above it, below it for a rate below it. An estimate of the sample needed, assuming the further
     * questions are passed at the rate seen so far; a real bank may land on either side. Null when {@code rate}
     * equals the threshold or more than the limit would be needed. The interval narrows as the sample grows at a
     * fixed rate, so the first m that decides is found by doubling, then bisection.
     */
    public static Long plan(double rate, long n, double threshold) {
        if (rate == threshold) {
            return null;
        }
        boolean above = rate > threshold;
        long hi = 1;
        while (!decides(rate, n + hi, threshold, above)) {
            if (hi >= PLAN_LIMIT) {
                return null;
            }
            hi = Math.min(PLAN_LIMIT, hi * 2);
        }
        long lo = hi / 2; // does not decide (or is 0)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (decides(rate, n + mid, threshold, above)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean decides(double rate, long n, double threshold, boolean above) {
        double[] ci = FlamesMetrics.wilson95(rate, n);
        return above ? ci[0] >= threshold : ci[1] < threshold;
    }
}
