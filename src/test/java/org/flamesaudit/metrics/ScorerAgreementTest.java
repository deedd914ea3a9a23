package org.flamesaudit.metrics;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Inter-scorer agreement against published and hand-computed values: Fleiss' kappa on the worked example of Fleiss
 * (1971) as reproduced by Wikipedia ("Fleiss' kappa", 10 subjects, 14 raters, 5 categories: kappa = 0.210), and a
 * two- and three-scorer run whose counts, percent agreement and kappas are worked out in the comments.
 */
class ScorerAgreementTest {

    @Test
    void fleiss_kappa_matches_the_published_worked_example() {
        int[][] counts = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        List<Integer[]> items = new ArrayList<>();
        for (int[] row : counts) {
            List<Integer> ratings = new ArrayList<>();
            for (int category = 0; category < row.length; category++) {
                for (int r = 0; r < row[category]; r++) {
                    ratings.add(category + 1);
                }
            }
            items.add(ratings.toArray(Integer[]::new));
        }
        // P = 0.378022, Pe = 0.212755: kappa = (0.378022 - 0.212755) / (1 - 0.212755) = 0.209931
        assertThat(ScorerAgreement.fleiss(items, 14)).isCloseTo(0.209931, within(1e-6));
        assertThat(ScorerAgreement.fleiss(items, 14)).isCloseTo(0.210, within(5e-4)); // as published
    }

    @Test
    void two_scorers_per_dimension_with_disagreements_and_an_unscorable_verdict() {
        List<ScorerAgreement.ItemVerdicts> items = new ArrayList<>();
        // Fairness: 3/3 x4, 1/1 x2, 3/1 x1, 1/3 x1, 2/null x1 (judge b could not score one)
        for (int i = 0; i < 4; i++) items.add(item(Dimension.FAIRNESS, 3, 3));
        for (int i = 0; i < 2; i++) items.add(item(Dimension.FAIRNESS, 1, 1));
        items.add(item(Dimension.FAIRNESS, 3, 1));
        items.add(item(Dimension.FAIRNESS, 1, 3));
        items.add(item(Dimension.FAIRNESS, 2, null));
        // Legality: 3/3 x2 (one score, kappa undefined)
        items.add(item(Dimension.LEGALITY, 3, 3));
        items.add(item(Dimension.LEGALITY, 3, 3));

        ScorerAgreement a = ScorerAgreement.of("majority", List.of("judge-a", "judge-b"), items);

        ScorerAgreement.Figures fair = a.dimensions().get(Dimension.FAIRNESS);
        assertThat(List.of(fair.items(), fair.disagreements(), fair.compared())).containsExactly(9L, 3L, 8L);
        assertThat(fair.percentAgreement()).isEqualTo(6.0 / 8);
        // Cohen over the 8 compared: po = 6/8; a gives 3 five times, 1 three times; b the same: pe = (5/8)^2 + (3/8)^2
        // = 34/64; kappa = (48/64 - 34/64) / (30/64) = 14/30
        assertThat(fair.pairs()).singleElement().satisfies(p -> {
            assertThat(List.of(p.first(), p.second(), (int) p.n())).containsExactly(0, 1, 8);
            assertThat(p.kappa()).isCloseTo(14.0 / 30, within(1e-12));
        });
        // Fleiss for two raters (Scott's pi): P = 6/8; category shares 10/16 and 6/16: Pe = 136/256;
        // kappa = (192/256 - 136/256) / (120/256) = 56/120
        assertThat(fair.fleissKappa()).isCloseTo(56.0 / 120, within(1e-12));
        assertThat(fair.disagreementShare()).isEqualTo(3.0 / 9);

        ScorerAgreement.Figures legal = a.dimensions().get(Dimension.LEGALITY);
        assertThat(List.of(legal.items(), legal.disagreements(), legal.compared())).containsExactly(2L, 0L, 2L);
        assertThat(legal.percentAgreement()).isEqualTo(1.0);
        assertThat(legal.fleissKappa()).isNaN();
        assertThat(legal.pairs().get(0).kappa()).isNaN();

        assertThat(List.of(a.overall().items(), a.overall().disagreements(), a.overall().compared()))
                .containsExactly(11L, 3L, 10L);
        assertThat(a.dimensions()).doesNotContainKeys(Dimension.SAFETY, Dimension.MORALITY, Dimension.DATA_PROTECTION);
    }

    @Test
    void three_scorers_give_every_pair_and_one_fleiss_kappa() {
        List<ScorerAgreement.ItemVerdicts> items = List.of(item(Dimension.SAFETY, 3, 3, 3),
                item(Dimension.SAFETY, 1, 1, 3), item(Dimension.SAFETY, 2, 2, 2), item(Dimension.SAFETY, 1, 2, 3));
        ScorerAgreement.Figures f = ScorerAgreement.of("unanimous", List.of("a", "b", "c"), items).overall();
        assertThat(f.pairs()).extracting(p -> p.first() + "-" + p.second()).containsExactly("0-1", "0-2", "1-2");
        // a-b agree on 3 of 4, a-c on 2 of 4, b-c on 2 of 4
        assertThat(f.pairs()).extracting(ScorerAgreement.Pair::percentAgreement).containsExactly(0.75, 0.5, 0.5);
        assertThat(f.percentAgreement()).isEqualTo(0.5);
        assertThat(f.disagreements()).isEqualTo(2);
        // per item P: 1, 1/3, 1, 0 -> 7/12; shares: 1: 3/12, 2: 4/12, 3: 5/12 -> Pe = 50/144;
        // kappa = (84/144 - 50/144) / (94/144) = 34/94
        assertThat(f.fleissKappa()).isCloseTo(34.0 / 94, within(1e-12));
    }

    @Test
    void a_run_whose_scorers_disagree_on_more_than_thirty_percent_carries_a_warning() {
        FlamesMetrics.Result base = FlamesMetrics.compute(List.of(), org.flamesaudit.run.BlockedPolicy.DEFAULT);
        List<ScorerAgreement.ItemVerdicts> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) items.add(item(Dimension.SAFETY, 3, 3));
        for (int i = 0; i < 3; i++) items.add(item(Dimension.SAFETY, 3, 1));
        assertThat(base.withAgreement(ScorerAgreement.of("primary", List.of("a", "b"), items)).warnings())
                .isEmpty(); // 30% exactly is not more than 30%
        items.add(item(Dimension.SAFETY, 1, 3));
        assertThat(base.withAgreement(ScorerAgreement.of("primary", List.of("a", "b"), items)).warnings())
                .singleElement().satisfies(w -> {
                    assertThat(w.code()).isEqualTo(RunWarning.Code.SCORERS_DISAGREE);
                    assertThat(w.items()).isEqualTo(4);
                    assertThat(w.message()).contains("36.4% of the answers (4 of 11)").contains("意见不一");
                });
    }

    private static ScorerAgreement.ItemVerdicts item(Dimension d, Integer... values) {
        return new ScorerAgreement.ItemVerdicts(d, values);
    }
}
