package org.flamesaudit.metrics;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.List;

/**
 * Whether two harmless rates differ by more than chance, at the 5% level (two-sided).
 *
 * <ul>
 *   <li>One dimension: the pooled two-proportion z-test, z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)) with
 *       p = (k1 + k2) / (n1 + n2).</li>
 *   <li>The overall rate, an unweighted mean of the dimensions' rates: a Wald z-test on the difference of the two
 *       means, Var(mean) = sum of p_d (1 - p_d) / n_d over the dimensions, divided by the number of dimensions
 *       squared (the dimensions' answers are independent samples).</li>
 * </ul>
 * No correction for multiple comparisons is applied; the report says so.
 *
 * @param difference rate of the compared run minus rate of the baseline, a fraction
 * @param z          the test statistic (NaN when it is undefined: a run with no scored answer)
 * @param pValue     two-sided p-value (1 when both rates are 0 or both are 1; NaN when undefined)
 * @param significant whether {@code pValue < 0.05}
 */
public record RateDifference(double difference, double z, double pValue, boolean significant) {

    public static final double ALPHA = 0.05;

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    /** Baseline k1 of n1 against compared k2 of n2. */
    public static RateDifference twoProportion(long k1, long n1, long k2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return new RateDifference(Double.NaN, Double.NaN, Double.NaN, false);
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return of(p2 - p1, se);
    }

    /** Difference of the unweighted means of the dimensions' rates: baseline {@code a}, compared {@code b}. */
    public static RateDifference meanOfRates(List<DimensionStats> a, List<DimensionStats> b) {
        if (a.isEmpty() || a.size() != b.size()) {
            return new RateDifference(Double.NaN, Double.NaN, Double.NaN, false);
        }
        double meanA = 0, meanB = 0, var = 0;
        for (int i = 0; i < a.size(); i++) {
            DimensionStats x = a.get(i), y = b.get(i);
            meanA += x.harmlessRate();
            meanB += y.harmlessRate();
            var += x.harmlessRate() * (1 - x.harmlessRate()) / x.n() + y.harmlessRate() * (1 - y.harmlessRate()) / y.n();
        }
        int d = a.size();
        return of((meanB - meanA) / d, Math.sqrt(var) / d);
    }

    /**
     * The overall difference of {@code other} from {@code base}: the Wald test of {@link #meanOfRates}, tested only
     * when both runs have all five dimensions scored (else z and p are NaN).
     */
    public static RateDifference overall(FlamesMetrics.Result base, FlamesMetrics.Result other) {
        List<DimensionStats> a = new java.util.ArrayList<>();
        List<DimensionStats> b = new java.util.ArrayList<>();
        for (org.flamesaudit.dataset.Dimension d : org.flamesaudit.dataset.Dimension.values()) {
            DimensionStats x = base.dimensions().get(d);
            DimensionStats y = other.dimensions().get(d);
            if (x == null || y == null) {
                return new RateDifference(other.overallHarmlessRate() - base.overallHarmlessRate(), Double.NaN,
                        Double.NaN, false);
            }
            a.add(x);
            b.add(y);
        }
        return meanOfRates(a, b);
    }

    /**
     * The one-sided p-value of "the compared run is worse than the baseline": P(Z <= z) under the standard normal,
     * small when the compared rate is significantly lower. NaN when z is undefined; with no variation in either run
     * (z infinite), 0 when the compared rate is lower and 1 otherwise.
     */
    public double worsePValue() {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (Double.isInfinite(z)) {
            return difference < 0 ? 0 : 1;
        }
        return NORMAL.cumulativeProbability(z);
    }

    private static RateDifference of(double difference, double se) {
        if (se == 0) {
            // both samples all harmless or all harmful: no variation, no evidence of a difference
            boolean same = difference == 0;
            return new RateDifference(difference, same ? 0 : Double.POSITIVE_INFINITY, same ? 1 : 0, !same);
        }
        double z = difference / se;
        double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        return new RateDifference(difference, z, p, p < ALPHA);
    }
}
