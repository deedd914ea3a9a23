package org.flamesaudit.gate;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RateDifference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a {@link GateSpec} on a run's metrics: a pure computation. The not-worse rules use the comparison
 * report's tests ({@link RateDifference}: the pooled two-proportion z-test per dimension, the Wald test of the mean
 * of rates overall) made one-sided, p = P(Z <= z), over the dimensions both runs scored and the overall rate when both
 * scored the same dimensions; the p-values are corrected together ({@link #adjust}) and a rule fails when its corrected p-value
 * is below the level and the rate is lower. A floor fails when the harmless rate is below it.
 */
public final class GateRules {

    private GateRules() {
    }

    /**
     * @param spec       the gate
     * @param run        the run's metrics
     * @param baseline   the baseline's metrics, null when there is none
     * @param baselineId the baseline's id, or null
     * @param noBaseline why there is no baseline (printed), when {@code baseline} is null
     */
    public static GateResult evaluate(GateSpec spec, FlamesMetrics.Result run, FlamesMetrics.Result baseline,
                                      Long baselineId, String noBaseline) {
        List<GateResult.Rule> rules = new ArrayList<>();
        String note = null;
        if (spec.notWorse()) {
            if (baseline == null) {
                note = noBaseline;
                rules.add(new GateResult.Rule(GateResult.Kind.NOT_WORSE, "all", GateResult.Verdict.INCONCLUSIVE,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        noBaseline));
            } else {
                rules.addAll(notWorse(spec, run, baseline));
            }
        }
        spec.floors().forEach((scope, floor) -> rules.add(floor(scope, floor, run)));
        GateResult.Verdict verdict = rules.stream().anyMatch(r -> r.verdict() == GateResult.Verdict.FAIL)
                ? GateResult.Verdict.FAIL : rules.stream().anyMatch(r -> r.verdict() == GateResult.Verdict.INCONCLUSIVE)
                ? GateResult.Verdict.INCONCLUSIVE : GateResult.Verdict.PASS;
        return new GateResult(verdict, baseline == null ? null : baselineId, note, spec.level(), spec.correction(),
                List.copyOf(rules));
    }

    /** A gate that could not be evaluated at all (the run's completion withheld): every rule inconclusive. */
    public static GateResult undecided(GateSpec spec, String why) {
        return new GateResult(GateResult.Verdict.INCONCLUSIVE, null, why, spec.level(), spec.correction(), List.of());
    }

    private static List<GateResult.Rule> notWorse(GateSpec spec, FlamesMetrics.Result run,
                                                  FlamesMetrics.Result base) {
        List<String> scopes = new ArrayList<>();
        List<RateDifference> diffs = new ArrayList<>();
        List<double[]> rates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            DimensionStats b = base.dimensions().get(d);
            DimensionStats r = run.dimensions().get(d);
            if (b == null && r == null) {
                continue; // neither run scored it: nothing to compare
            }
            scopes.add(d.label());
            if (b == null || r == null) {
                diffs.add(null);
                rates.add(new double[]{b == null ? Double.NaN : b.harmlessRate(), r == null ? Double.NaN
                        : r.harmlessRate()});
                notes.add(b == null ? "the baseline has no scored answer here" : "this run has no scored answer here");
                continue;
            }
            diffs.add(RateDifference.twoProportion(b.count3(), b.n(), r.count3(), r.n()));
            rates.add(new double[]{b.harmlessRate(), r.harmlessRate()});
            notes.add(null);
        }
        // overall: the Wald test of the mean of rates over the dimensions, when both runs scored the same ones
        List<DimensionStats> a = new ArrayList<>();
        List<DimensionStats> b = new ArrayList<>();
        boolean same = base.dimensions().keySet().equals(run.dimensions().keySet()) && !run.dimensions().isEmpty();
        if (same) {
            for (Dimension d : Dimension.values()) {
                if (base.dimensions().containsKey(d)) {
                    a.add(base.dimensions().get(d));
                    b.add(run.dimensions().get(d));
                }
            }
        }
        RateDifference overall = same ? RateDifference.meanOfRates(a, b) : null;
        scopes.add(GateSpec.OVERALL);
        diffs.add(overall);
        rates.add(new double[]{base.overallHarmlessRate(), run.overallHarmlessRate()});
        notes.add(same ? null : "not tested: the two runs scored different dimensions");

        double[] p = diffs.stream().mapToDouble(x -> x == null ? Double.NaN : x.worsePValue()).toArray();
        double[] adjusted = adjust(p, spec.correction());
        List<GateResult.Rule> rules = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            RateDifference x = diffs.get(i);
            GateResult.Verdict v = x == null || Double.isNaN(adjusted[i]) ? GateResult.Verdict.INCONCLUSIVE
                    : adjusted[i] < spec.level() && x.difference() < 0 ? GateResult.Verdict.FAIL
                    : GateResult.Verdict.PASS;
            rules.add(new GateResult.Rule(GateResult.Kind.NOT_WORSE, scopes.get(i), v, rates.get(i)[0],
                    rates.get(i)[1], x == null ? rates.get(i)[1] - rates.get(i)[0] : x.difference(),
                    x == null ? Double.NaN : x.z(), p[i], adjusted[i], Double.NaN, notes.get(i)));
        }
        return rules;
    }

    private static GateResult.Rule floor(String scope, double floor, FlamesMetrics.Result run) {
        double rate;
        if (GateSpec.OVERALL.equals(scope)) {
            rate = run.dimensions().isEmpty() ? Double.NaN : run.overallHarmlessRate();
        } else {
            DimensionStats s = run.dimensions().get(Dimension.requireLabel(scope));
            rate = s == null ? Double.NaN : s.harmlessRate();
        }
        GateResult.Verdict v = Double.isNaN(rate) ? GateResult.Verdict.INCONCLUSIVE
                : rate >= floor ? GateResult.Verdict.PASS : GateResult.Verdict.FAIL;
        return new GateResult.Rule(GateResult.Kind.FLOOR, scope, v, Double.NaN, rate, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, floor, Double.isNaN(rate) ? "this run has no scored answer here" : null);
    }

    /**
     * Corrects the defined (non-NaN) p-values for their number m. Holm: sorted ascending, the i-th (from 0) becomes
     * (m - i) p, made non-decreasing along the order and at most 1 (the step-down adjusted p-values; a test is
     * rejected at level a exactly when Holm's procedure rejects it). Bonferroni: m p, at most 1. None: unchanged.
     * NaN stays NaN.
     */
    public static double[] adjust(double[] p, GateSpec.Correction correction) {
        double[] out = p.clone();
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted((a, b) -> Double.compare(p[a], p[b])).toArray(Integer[]::new);
        int m = order.length;
        switch (correction) {
            case NONE -> {
            }
            case BONFERRONI -> Arrays.stream(order).forEach(i -> out[i] = Math.min(1, m * p[i]));
            case HOLM -> {
                double running = 0;
                for (int k = 0; k < m; k++) {
                    int i = order[k];
                    running = Math.max(running, Math.min(1, (m - k) * p[i]));
                    out[i] = running;
                }
            }
        }
        return out;
    }
}
