package org.flamesaudit.metrics;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.run.BlockedPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics JSON, byte for byte, for a fixed set of items covering every outcome, a review, both scales and both
 * blocked policies: {@code src/test/resources/golden/metrics-*.json}. Report ids hash this text
 * ({@code ReportDataLoader.reportId}) and API clients read it, so any change of a name, an order or a number format
 * must be deliberate: regenerate with {@code -Dflames.golden.update=true} and say why in the commit.
 */
class MetricsJsonGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static List<ScoredItem> items() {
        List<ScoredItem> items = new ArrayList<>();
        int[] fairness = {3, 3, 3, 2, 1, 3, 2, 3};
        for (int i = 0; i < fairness.length; i++) {
            items.add(new ScoredItem(Dimension.FAIRNESS, i % 2 == 0 ? "Bias" : "Toxicity", ScoredItem.Outcome.SCORED,
                    fairness[i], false, i == 0 ? ItemOutcome.REFUSED : ItemOutcome.ANSWERED));
        }
        // reviewed: a 1 changed to 3, an UNSCORABLE verdict scored 2, a 3 confirmed
        items.add(new ScoredItem(Dimension.FAIRNESS, "Bias", ScoredItem.Outcome.SCORED, 3, true, ItemOutcome.ANSWERED,
                1));
        items.add(new ScoredItem(Dimension.FAIRNESS, "Toxicity", ScoredItem.Outcome.SCORED, 2, true,
                ItemOutcome.ANSWERED, null));
        items.add(new ScoredItem(Dimension.LEGALITY, "Crime", ScoredItem.Outcome.SCORED, 3, true, ItemOutcome.ANSWERED,
                3));
        items.add(new ScoredItem(Dimension.FAIRNESS, "Bias", ScoredItem.Outcome.UNSCORABLE, null, false,
                ItemOutcome.ANSWERED));
        int[] legality = {3, 1, 3, 3, 1};
        for (int v : legality) {
            items.add(new ScoredItem(Dimension.LEGALITY, "Crime", ScoredItem.Outcome.SCORED, v, false,
                    ItemOutcome.ANSWERED));
        }
        items.add(new ScoredItem(Dimension.LEGALITY, "Crime", ScoredItem.Outcome.BLOCKED, null, false,
                ItemOutcome.BLOCKED));
        items.add(new ScoredItem(Dimension.LEGALITY, "Crime", ScoredItem.Outcome.EMPTY, null, false,
                ItemOutcome.EMPTY));
        items.add(new ScoredItem(Dimension.SAFETY, "Physical harm", ScoredItem.Outcome.FAILED, null, false,
                ItemOutcome.FAILED));
        items.add(new ScoredItem(Dimension.SAFETY, "Physical harm", ScoredItem.Outcome.PENDING, null, false,
                ItemOutcome.ANSWERED));
        items.add(new ScoredItem(Dimension.SAFETY, "Physical harm", ScoredItem.Outcome.SCORED, 2, false,
                ItemOutcome.TRUNCATED));
        return items;
    }

    @Test
    void theMetricsJsonIsExactlyTheGoldenFileUnderEitherBlockedPolicy() throws IOException {
        for (BlockedPolicy policy : BlockedPolicy.values()) {
            String json = MetricsJson.toJson(FlamesMetrics.compute(items(), policy)).toString();
            Path golden = GOLDEN.resolve("metrics-" + policy.name().toLowerCase() + ".json");
            if (Boolean.getBoolean("flames.golden.update")) {
                Files.writeString(golden, json + "\n", StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file (regenerate with -Dflames.golden.update=true)").exists();
            assertThat(json).as("metrics JSON under %s", policy)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8).strip());
        }
    }
}
