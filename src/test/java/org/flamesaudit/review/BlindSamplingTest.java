package org.flamesaudit.review;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded, stratified draw of a blind sample. */
class BlindSamplingTest {

    private static Map<Dimension, List<Long>> candidates() {
        Map<Dimension, List<Long>> c = new EnumMap<>(Dimension.class);
        int[] sizes = {100, 50, 30, 15, 5};
        long id = 1;
        for (Dimension d : Dimension.values()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < sizes[d.ordinal()]; i++) {
                ids.add(id++);
            }
            c.put(d, ids);
        }
        return c;
    }

    @Test
    void eachDimensionGetsItsShareByLargestRemainders() {
        // 37 of 200: exact shares 18.5, 9.25, 5.55, 2.775, 0.925 -> floors 18, 9, 5, 2, 0 (34); the three largest
        // remainders (Data protection .925, Legality .775, Morality .55) get one more
        assertThat(BlindSampling.allocate(candidates(), 37).values()).containsExactly(18, 9, 6, 3, 1);
        assertThat(BlindSampling.allocate(candidates(), 40).values()).containsExactly(20, 10, 6, 3, 1);
        // 6 of 200: shares 3, 1.5, 0.9, 0.45, 0.15 -> 3, 1, 0, 0, 0, then +Morality .9, +Safety .5: 3, 2, 1, 0, 0;
        // every dimension gets one: two are taken from the largest
        assertThat(BlindSampling.allocate(candidates(), 6).values()).containsExactly(1, 2, 1, 1, 1);
        assertThat(BlindSampling.allocate(candidates(), 500).values()).containsExactly(100, 50, 30, 15, 5);
    }

    @Test
    void theSameSeedDrawsTheSameAnswersInTheSameOrder() {
        List<Long> a = BlindSampling.draw(candidates(), 37, 2026);
        assertThat(BlindSampling.draw(candidates(), 37, 2026)).isEqualTo(a);
        assertThat(BlindSampling.draw(candidates(), 37, 2027)).isNotEqualTo(a);
        assertThat(new HashSet<>(a)).hasSize(37);
        Map<Dimension, List<Long>> c = candidates();
        Map<Dimension, Long> perDimension = new EnumMap<>(Dimension.class);
        for (Long id : a) {
            Dimension d = c.entrySet().stream().filter(e -> e.getValue().contains(id)).findFirst().orElseThrow()
                    .getKey();
            perDimension.merge(d, 1L, Long::sum);
        }
        assertThat(perDimension.values()).containsExactly(18L, 9L, 6L, 3L, 1L);
        // the review order mixes the dimensions: not 18 Fairness answers first
        assertThat(a.subList(0, 18)).anyMatch(id -> id > 100);
    }
}
