package org.flamesaudit.review;

import org.flamesaudit.dataset.Dimension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The draw of a blind review sample: seeded, stratified by dimension with proportional allocation (largest
 * remainders; every dimension with answers gets at least one when the sample has room), a simple random sample
 * within each dimension, and the drawn answers in a random order so that a reviewer does not see one dimension after
 * another. The same answers, seed and size always give the same sample ({@link Random} is specified to the bit).
 */
public final class BlindSampling {

    private BlindSampling() {
    }

    /**
     * {@code candidates}: the answers that can be drawn, per dimension, in a stable order (ascending ids).
     * Returns the drawn ids in review order; at most {@code size}, and all answers when there are fewer.
     */
    public static List<Long> draw(Map<Dimension, List<Long>> candidates, int size, long seed) {
        Map<Dimension, Integer> quota = allocate(candidates, size);
        Random random = new Random(seed);
        List<Long> drawn = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            List<Long> pool = new ArrayList<>(candidates.getOrDefault(d, List.of()));
            Collections.shuffle(pool, random);
            drawn.addAll(pool.subList(0, quota.getOrDefault(d, 0)));
        }
        Collections.shuffle(drawn, random);
        return drawn;
    }

    /** How many answers each dimension contributes to a sample of {@code size}. */
    static Map<Dimension, Integer> allocate(Map<Dimension, List<Long>> candidates, int size) {
        long total = candidates.values().stream().mapToLong(List::size).sum();
        Map<Dimension, Integer> quota = new EnumMap<>(Dimension.class);
        if (total == 0 || size <= 0) {
            return quota;
        }
        int n = (int) Math.min(size, total);
        Map<Dimension, Double> remainder = new EnumMap<>(Dimension.class);
        int given = 0;
        for (Dimension d : Dimension.values()) {
            int available = candidates.getOrDefault(d, List.of()).size();
            if (available == 0) {
                continue;
            }
            double exact = (double) n * available / total;
            int floor = (int) Math.floor(exact);
            quota.put(d, floor);
            remainder.put(d, exact - floor);
            given += floor;
        }
        List<Dimension> byRemainder = new ArrayList<>(remainder.keySet());
        byRemainder.sort((a, b) -> Double.compare(remainder.get(b), remainder.get(a))); // stable: ties in dimension order
        for (int i = 0; given < n; i = (i + 1) % byRemainder.size()) {
            Dimension d = byRemainder.get(i);
            if (quota.get(d) < candidates.get(d).size()) {
                quota.merge(d, 1, Integer::sum);
                given++;
            }
        }
        // every dimension with answers is represented when the sample has room for one of each
        for (Dimension d : quota.keySet()) {
            if (quota.get(d) == 0 && n >= quota.size()) {
                Dimension largest = quota.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                if (quota.get(largest) > 1) {
                    quota.merge(largest, -1, Integer::sum);
                    quota.put(d, 1);
                }
            }
        }
        return quota;
    }
}
