package org.flamesaudit.metrics;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.Agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a run's scorers agree with one another (issue 21, several scorers per run), per dimension and over all
 * dimensions: the inter-rater agreement of machine scorers on the same answers, never a measure of their accuracy
 * (two scorers can agree and both be wrong; accuracy needs human verdicts).
 * <ul>
 *   <li>{@code items}: answers every scorer gave a verdict on (a score, or UNSCORABLE);
 *       {@code disagreements}: those whose verdicts differ (different scores, or a score and no score), the answers
 *       the review queue lists first.</li>
 *   <li>{@code compared}: answers every scorer scored; {@code percentAgreement}: the share of them with one score
 *       from all; {@code fleissKappa}: Fleiss' kappa over them (Fleiss 1971, "Measuring nominal scale agreement among
 *       many raters", Psychological Bulletin 76(5)), kappa = (P - Pe) / (1 - Pe) with P the mean per-item agreement
 *       among rater pairs and Pe the sum of squared category shares; for two scorers it is Scott's pi.</li>
 *   <li>{@code pairs}: for each pair of scorers (positions i < j), Cohen's kappa ({@link Agreement}) over the answers
 *       both scored.</li>
 * </ul>
 * Kappas are NaN where undefined (every compared verdict the same score, Pe = 1) and for no compared answer.
 *
 * @param rule       the run's decision rule (primary, majority, unanimous)
 * @param scorers    the scorers' keys, in the run's order
 * @param overall    all dimensions pooled
 * @param dimensions per dimension with at least one answer every scorer gave a verdict on
 */
public record ScorerAgreement(String rule, List<String> scorers, Figures overall, Map<Dimension, Figures> dimensions) {

    /** Above this share of disagreements among the answers every scorer judged, the run carries a warning. */
    public static final double DISAGREEMENT_SHARE = 0.30;

    /** One answer's verdicts, {@code values[k]} the score of scorer k, null where it gave none (UNSCORABLE). */
    public record ItemVerdicts(Dimension dimension, Integer[] values) {
    }

    /** Cohen's kappa of scorers {@code first} and {@code second} (positions) on the {@code n} answers both scored. */
    public record Pair(int first, int second, long n, double percentAgreement, double kappa) {
    }

    public record Figures(long items, long disagreements, long compared, double percentAgreement, double fleissKappa,
                          List<Pair> pairs) {

        /** Disagreements as a share of {@link #items}; 0 without items. */
        public double disagreementShare() {
            return items == 0 ? 0 : (double) disagreements / items;
        }
    }

    /** {@code items}: only answers every scorer gave a verdict on count; others (still pending) are ignored. */
    public static ScorerAgreement of(String rule, List<String> scorers, List<ItemVerdicts> items) {
        int k = scorers.size();
        if (k < 2) {
            throw new IllegalArgumentException("agreement needs at least two scorers");
        }
        Map<Dimension, List<Integer[]>> byDimension = new EnumMap<>(Dimension.class);
        List<Integer[]> all = new ArrayList<>();
        for (ItemVerdicts i : items) {
            if (i.values().length != k) {
                throw new IllegalArgumentException("an item has " + i.values().length + " verdicts for " + k
                        + " scorers");
            }
            byDimension.computeIfAbsent(i.dimension(), d -> new ArrayList<>()).add(i.values());
            all.add(i.values());
        }
        Map<Dimension, Figures> dims = new EnumMap<>(Dimension.class);
        byDimension.forEach((d, list) -> dims.put(d, figures(list, k)));
        return new ScorerAgreement(rule, List.copyOf(scorers), figures(all, k), dims);
    }

    private static Figures figures(List<Integer[]> items, int k) {
        long disagreements = 0;
        List<Integer[]> compared = new ArrayList<>();
        for (Integer[] v : items) {
            if (Arrays.stream(v).distinct().count() > 1) {
                disagreements++;
            }
            if (Arrays.stream(v).allMatch(java.util.Objects::nonNull)) {
                compared.add(v);
            }
        }
        long same = compared.stream().filter(v -> Arrays.stream(v).distinct().count() == 1).count();
        double percent = compared.isEmpty() ? Double.NaN : (double) same / compared.size();
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                List<int[]> both = new ArrayList<>();
                for (Integer[] v : items) {
                    if (v[a] != null && v[b] != null) {
                        both.add(new int[] {v[a], v[b]});
                    }
                }
                Agreement cohen = Agreement.of(both.toArray(int[][]::new));
                pairs.add(new Pair(a, b, cohen.n(), cohen.accuracy(), cohen.kappa()));
            }
        }
        return new Figures(items.size(), disagreements, compared.size(), percent, fleiss(compared, k), pairs);
    }

    /** Fleiss' kappa of {@code k} raters who all rated every item; NaN when undefined. */
    static double fleiss(List<Integer[]> items, int k) {
        if (items.isEmpty()) {
            return Double.NaN;
        }
        Map<Integer, Long> totals = new TreeMap<>();
        double sumP = 0;
        for (Integer[] v : items) {
            Map<Integer, Long> counts = new TreeMap<>();
            for (Integer c : v) {
                counts.merge(c, 1L, Long::sum);
                totals.merge(c, 1L, Long::sum);
            }
            double agreeing = 0;
            for (long n : counts.values()) {
                agreeing += n * (n - 1.0);
            }
            sumP += agreeing / (k * (k - 1.0));
        }
        double pBar = sumP / items.size();
        double pe = 0;
        for (long n : totals.values()) {
            double share = n / ((double) items.size() * k);
            pe += share * share;
        }
        return pe == 1.0 ? Double.NaN : (pBar - pe) / (1 - pe);
    }
}
