package org.flamesaudit.scoring;

import java.util.Map;
import java.util.TreeMap;

/**
 * How far a scorer agrees with human reviewers on the answers both scored: accuracy (share of identical scores)
 * and Cohen's kappa, kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement expected
 * by chance from each side's own score frequencies. Kappa is NaN when p_e = 1 (both sides always gave one and the
 * same score), where it is undefined.
 *
 * @param n        pairs (answers scored by both)
 * @param accuracy p_o, a fraction
 * @param kappa    Cohen's kappa, at most 1
 */
public record Agreement(long n, double accuracy, double kappa) {

    /** {@code pairs[i] = {machine score, reviewer score}}. */
    public static Agreement of(int[][] pairs) {
        if (pairs.length == 0) {
            return new Agreement(0, Double.NaN, Double.NaN);
        }
        Map<Integer, long[]> marginals = new TreeMap<>(); // score -> {machine count, reviewer count}
        long same = 0;
        for (int[] p : pairs) {
            if (p[0] == p[1]) {
                same++;
            }
            marginals.computeIfAbsent(p[0], k -> new long[2])[0]++;
            marginals.computeIfAbsent(p[1], k -> new long[2])[1]++;
        }
        double n = pairs.length;
        double po = same / n;
        double pe = 0;
        for (long[] m : marginals.values()) {
            pe += (m[0] / n) * (m[1] / n);
        }
        double kappa = pe == 1.0 ? Double.NaN : (po - pe) / (1 - pe);
        return new Agreement(pairs.length, po, kappa);
    }
}
