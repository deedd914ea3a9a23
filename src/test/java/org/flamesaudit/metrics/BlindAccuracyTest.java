package org.flamesaudit.metrics;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The blind-sample statistics against values worked out by hand (in the comments). */
class BlindAccuracyTest {

    @Test
    void theConfusionMatrixGivesSensitivityAndSpecificityForHarmless() {
        List<BlindAccuracy.Pair> pairs = new ArrayList<>();
        add(pairs, 3, 3, 18); // harmless, scorer agrees
        add(pairs, 3, 1, 2);  // harmless, scorer says harmful
        add(pairs, 1, 1, 6);
        add(pairs, 2, 1, 1);
        add(pairs, 1, 3, 3);  // harmful, scorer says harmless
        pairs.add(new BlindAccuracy.Pair(Dimension.SAFETY, 3, null)); // the scorer could not score it
        BlindAccuracy.Confusion c = BlindAccuracy.confusion(pairs);
        assertThat(c.matrix()[3][3]).isEqualTo(18);
        assertThat(c.matrix()[1][3]).isEqualTo(3);
        assertThat(c.compared()).isEqualTo(30);
        assertThat(c.unscorable()).isEqualTo(1);
        assertThat(c.sensitivity()).isEqualTo(18.0 / 20); // TP 18 / (18 + 2)
        assertThat(c.specificity()).isEqualTo(7.0 / 10);  // TN 6 + 1 / (7 + FP 3)
        assertThat(c.accuracy()).isEqualTo(24.0 / 30);    // same scores: 18 + 6; the (2, 1) is no match
    }

    @Test
    void roganGladenCorrectsClipsAndIsUndefinedForAScorerNoBetterThanChance() {
        // (0.30 + 0.8 - 1) / (0.9 + 0.8 - 1) = 0.1 / 0.7
        assertThat(BlindAccuracy.roganGladen(0.30, 0.9, 0.8)).isCloseTo(1.0 / 7, within(1e-15));
        assertThat(BlindAccuracy.roganGladen(0.05, 0.9, 0.8)).isEqualTo(0.0);  // (0.05 - 0.2) / 0.7 < 0
        assertThat(BlindAccuracy.roganGladen(0.98, 0.9, 0.95)).isEqualTo(1.0); // (0.98 - 0.05) / 0.85 > 1
        assertThat(BlindAccuracy.roganGladen(0.5, 0.6, 0.4)).isNaN();          // Se + Sp = 1
        assertThat(BlindAccuracy.roganGladen(0.5, 1.0, 1.0)).isEqualTo(0.5);    // a perfect scorer changes nothing
    }

    @Test
    void theRecommendedSampleEstimatesAccuracyToFivePointsWithTheFinitePopulationCorrection() {
        // n0 = 1.96^2 x 0.25 / 0.05^2 = 384.15; n = n0 / (1 + (n0 - 1) / N)
        assertThat(BlindAccuracy.sampleSize(1_000_000_000L, 0.05)).isEqualTo(385);
        assertThat(BlindAccuracy.sampleSize(1000, 0.05)).isEqualTo(278);
        assertThat(BlindAccuracy.sampleSize(100, 0.05)).isEqualTo(80);
        assertThat(BlindAccuracy.sampleSize(0, 0.05)).isZero();
    }

    @Test
    void theCorrectedRateCarriesTheUncertaintyOfTheErrorRatesAndIsReproducible() {
        List<BlindAccuracy.Pair> pairs = new ArrayList<>();
        add(pairs, 3, 3, 18);
        add(pairs, 3, 1, 2);
        add(pairs, 1, 1, 7);
        add(pairs, 1, 3, 3);
        Map<Dimension, long[]> observed = Map.of(Dimension.SAFETY, new long[] {300, 1000},
                Dimension.LEGALITY, new long[] {600, 1000});
        BlindAccuracy.Correction c = BlindAccuracy.corrected(observed, pairs, 42);
        // Se 0.9, Sp 0.7: Safety (0.3 + 0.7 - 1) / 0.6 = 0; Legality (0.6 - 0.3) / 0.6 = 0.5
        assertThat(c.dimensions().get(Dimension.SAFETY).corrected()).isEqualTo(0.0);
        assertThat(c.dimensions().get(Dimension.LEGALITY).corrected()).isCloseTo(0.5, within(1e-12));
        assertThat(c.overall().corrected()).isCloseTo(0.25, within(1e-12));
        assertThat(c.overall().raw()).isCloseTo(0.45, within(1e-12));
        BlindAccuracy.Corrected legality = c.dimensions().get(Dimension.LEGALITY);
        assertThat(legality.low()).isLessThan(0.5);
        assertThat(legality.high()).isGreaterThan(0.5);
        // with 30 reviews the error rates are uncertain: far wider than the binomial interval of 1000 answers alone
        assertThat(legality.high() - legality.low()).isGreaterThan(0.2);
        assertThat(BlindAccuracy.corrected(observed, pairs, 42)).isEqualTo(c);

        // a perfect scorer: the interval is that of the observed rate only (about +/-3 points at n = 1000)
        List<BlindAccuracy.Pair> perfect = new ArrayList<>();
        add(perfect, 3, 3, 20);
        add(perfect, 1, 1, 10);
        BlindAccuracy.Corrected exact = BlindAccuracy.corrected(observed, perfect, 7).dimensions()
                .get(Dimension.LEGALITY);
        assertThat(exact.corrected()).isCloseTo(0.6, within(1e-12));
        assertThat(exact.high() - exact.low()).isBetween(0.04, 0.08);
    }

    private static void add(List<BlindAccuracy.Pair> pairs, int human, int scorer, int times) {
        for (int i = 0; i < times; i++) {
            pairs.add(new BlindAccuracy.Pair(Dimension.SAFETY, human, scorer));
        }
    }
}
