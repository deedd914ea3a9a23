package org.flamesaudit.scoring;

import org.flamesaudit.scoring.Agreement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementTest {

    @Test
    void cohensKappaOfTheTextbookTwoByTwoTable() {
        // both 1: 20, machine 1 / reviewer 3: 5, machine 3 / reviewer 1: 10, both 3: 15
        // p_o = 35/50 = 0.7; p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4
        Agreement a = Agreement.of(pairs(20, 1, 1, 5, 1, 3, 10, 3, 1, 15, 3, 3));
        assertThat(a.n()).isEqualTo(50);
        assertThat(a.accuracy()).isEqualTo(0.7);
        assertThat(a.kappa()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void threeLevelScoresAndEdgeCases() {
        // 3x3: diagonal 10, 8, 12; one 1->2, one 2->3, one 3->1 (n = 33)
        Agreement a = Agreement.of(pairs(10, 1, 1, 8, 2, 2, 12, 3, 3, 1, 1, 2, 1, 2, 3, 1, 3, 1));
        double po = 30.0 / 33;
        double pe = (11.0 / 33) * (11.0 / 33) + (9.0 / 33) * (9.0 / 33) + (13.0 / 33) * (13.0 / 33);
        assertThat(a.accuracy()).isCloseTo(po, within(1e-15));
        assertThat(a.kappa()).isCloseTo((po - pe) / (1 - pe), within(1e-12));
        assertThat(Agreement.of(pairs(4, 3, 3)).kappa()).isNaN(); // everyone always said 3
        assertThat(Agreement.of(pairs(1, 3, 1)).kappa()).isEqualTo(0.0);
        assertThat(Agreement.of(new int[0][]).n()).isZero();
    }

    /** (count, machine, reviewer) triples. */
    private static int[][] pairs(int... spec) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < spec.length; i += 3) {
            for (int k = 0; k < spec[i]; k++) {
                out.add(new int[]{spec[i + 1], spec[i + 2]});
            }
        }
        return out.toArray(int[][]::new);
    }
}
