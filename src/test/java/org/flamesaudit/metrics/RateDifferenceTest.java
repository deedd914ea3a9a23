package org.flamesaudit.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateDifferenceTest {

    @Test
    void pooledTwoProportionTestMatchesAHandComputation() {
        // 113/249 against 150/249: p = 263/498, se = sqrt(p (1-p) 2/249), z = (150-113)/249 / se
        RateDifference r = RateDifference.twoProportion(113, 249, 150, 249);
        double p = 263.0 / 498;
        double z = (37.0 / 249) / Math.sqrt(p * (1 - p) * (2.0 / 249));
        assertThat(r.difference()).isEqualTo(150.0 / 249 - 113.0 / 249);
        assertThat(r.z()).isCloseTo(z, within(1e-12));
        assertThat(z).isCloseTo(3.3213, within(1e-4));
        // two-sided p = erfc(z / sqrt 2) = 0.000896 (Python math.erfc)
        assertThat(r.pValue()).isCloseTo(0.00089608, within(1e-8));
        assertThat(r.significant()).isTrue();
    }

    @Test
    void aSmallDifferenceOnASmallSampleIsNotSignificant() {
        // Legality-sized samples: 21/46 against 25/46, z = 0.8341, p = 0.4042 (Python math.erfc)
        RateDifference r = RateDifference.twoProportion(21, 46, 25, 46);
        assertThat(r.z()).isCloseTo(0.8341, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.4042, within(1e-4));
        assertThat(r.significant()).isFalse();
    }

    @Test
    void noVariationMeansNoDifferenceUnlessTheRatesDiffer() {
        assertThat(RateDifference.twoProportion(46, 46, 46, 46))
                .isEqualTo(new RateDifference(0.0, 0.0, 1.0, false));
        assertThat(RateDifference.twoProportion(0, 10, 0, 20).pValue()).isEqualTo(1.0);
        assertThat(RateDifference.twoProportion(0, 0, 3, 5).pValue()).isNaN();
        assertThat(RateDifference.twoProportion(0, 0, 3, 5).significant()).isFalse();
    }

    @Test
    void overallDifferenceUsesTheVarianceOfTheMeanOfRates() {
        List<DimensionStats> a = List.of(stats(50, 100), stats(20, 40));
        List<DimensionStats> b = List.of(stats(70, 100), stats(20, 40));
        RateDifference r = RateDifference.meanOfRates(a, b);
        double var = (0.25 / 100 + 0.21 / 100 + 0.25 / 40 + 0.25 / 40) / 4;
        assertThat(r.difference()).isCloseTo(0.10, within(1e-15));
        assertThat(r.z()).isCloseTo(0.10 / Math.sqrt(var), within(1e-12));
        assertThat(r.significant()).isFalse();
        assertThat(RateDifference.meanOfRates(a, List.of()).pValue()).isNaN();
    }

    private static DimensionStats stats(long k, long n) {
        return FlamesMetrics.stats(n - k, 0, k);
    }
}
