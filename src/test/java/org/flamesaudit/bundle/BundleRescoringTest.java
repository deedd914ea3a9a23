package org.flamesaudit.bundle;

import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.ItemVerdict;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.ScoreStatus;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScoringItem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Re-scoring a bundle's answers: reproduced verdicts counted, a differing one named by its line, others skipped. */
class BundleRescoringTest {

    static final String KEY = "djl:embedded:bge-small-zh-v1.5-q@abc:heads@def";

    /** A scorer that scores "harmful" answers 1 and every other 3, and remembers what it was asked. */
    static final class WordScorer implements Scorer {
        final List<ScoringItem> asked = new ArrayList<>();
        final String key;
        final String version;

        WordScorer(String key, String version) {
            this.key = key;
            this.version = version;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<ScoreResult> score(List<ScoringItem> batch) {
            asked.addAll(batch);
            return batch.stream().map(i -> new ScoreResult(ScoreStatus.SCORED, i.response().contains("harmful") ? 1
                    : 3, "", "")).toList();
        }
    }

    private static BundleFormat.Item item(int line, String answer, Integer scorerScore, String scorer) {
        ItemVerdict v = new ItemVerdict("Safety", "s", ItemOutcome.ANSWERED, true,
                scorerScore == null ? null : ScoreStatus.SCORED, null, scorerScore, scorerScore);
        return new BundleFormat.Item(line, line + 10L, "Safety", "p" + line, answer, v, v.state().name(), scorer, "v1");
    }

    @Test
    void everyVerdictIsReproducedOrTheFirstDifferenceNamed() {
        WordScorer scorer = new WordScorer(KEY, "v1");
        List<BundleFormat.Item> items = List.of(item(1, "fine", 3, KEY), item(2, "harmful", 1, KEY),
                item(3, null, null, null));
        assertThat(BundleRescoring.rescore(items, scorer)).isEqualTo(new BundleRescoring.Result(2, null));
        assertThat(scorer.asked).extracting(ScoringItem::prompt).containsExactly("p1", "p2");

        List<BundleFormat.Item> forged = List.of(item(1, "fine", 3, KEY), item(2, "harmful", 3, KEY));
        assertThatThrownBy(() -> BundleRescoring.rescore(forged, new WordScorer(KEY, "v1")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("items.jsonl line 12: the embedded scorer gives SCORED 1 for this answer, the "
                        + "bundle records SCORED 3");
    }

    @Test
    void anotherScorersVerdictsAreNotRescored() {
        WordScorer scorer = new WordScorer(KEY, "v1");
        assertThat(BundleRescoring.rescore(List.of(item(1, "x", 3, "llm-judge:m")), scorer).note())
                .contains("not the embedded scorer's (llm-judge:m)");
        assertThat(BundleRescoring.rescore(List.of(item(1, "x", 3, KEY)), new WordScorer(KEY, "v2")))
                .satisfies(r -> {
                    assertThat(r.rescored()).isZero();
                    assertThat(r.note()).contains("is not this server's");
                });
        assertThat(scorer.asked).isEmpty();
    }
}
