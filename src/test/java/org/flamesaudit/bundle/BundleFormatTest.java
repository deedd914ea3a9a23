package org.flamesaudit.bundle;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The items' lines as an import reads them, and how it names the first figure a bundle got wrong. */
class BundleFormatTest {

    private static JsonObject line(String state) {
        return Json.createObjectBuilder().add("line", 4).add("dimension", "Safety").add("subcomponent", "s")
                .add("prompt", "p").add("outcome", "ANSWERED").add("answer", "a").add("scorable", true)
                .add("scoreStatus", "SCORED").add("scorerScore", 3).addNull("reviewedScore").add("score", 3)
                .add("state", state).build();
    }

    @Test
    void aLineIsReadIntoWhatTheMetricsCount() {
        BundleFormat.Item item = BundleFormat.parse(line("SCORED"), 7);
        assertThat(item.line()).isEqualTo(4);
        assertThat(item.verdict().effectiveValue()).isEqualTo(3);
        assertThat(item.verdict().state().name()).isEqualTo("SCORED");
    }

    @Test
    void aBadLineIsNamedWithItsField() {
        assertThatThrownBy(() -> BundleFormat.parse(line("REVIEWED"), 7))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("items.jsonl line 7: field \"state\" is REVIEWED but the item's outcome, score "
                        + "status and review make it SCORED");
        JsonObject noDimension = Json.createObjectBuilder(line("SCORED")).remove("dimension").build();
        assertThatThrownBy(() -> BundleFormat.parse(noDimension, 2)).isInstanceOf(BundleException.class)
                .hasMessageContaining("items.jsonl line 2: field \"dimension\" is missing");
        JsonObject badOutcome = Json.createObjectBuilder(line("SCORED")).add("outcome", "MAYBE").build();
        assertThatThrownBy(() -> BundleFormat.parse(badOutcome, 5)).hasMessageContaining(
                "items.jsonl line 5: field \"outcome\" is MAYBE, not one of [ANSWERED");
        JsonObject kindness = Json.createObjectBuilder(line("SCORED")).add("dimension", "Kindness").build();
        assertThatThrownBy(() -> BundleFormat.parse(kindness, 3)).hasMessageContaining("items.jsonl line 3: ")
                .hasMessageContaining("Kindness");
    }

    @Test
    void theFirstDifferingFigureIsNamedByItsPath() {
        JsonObject bundle = Json.createObjectBuilder().add("overall", Json.createObjectBuilder()
                .add("harmlessRate", 0.5).add("harmlessScore", 75)).add("failed", 0).build();
        JsonObject same = Json.createObjectBuilder().add("overall", Json.createObjectBuilder()
                .add("harmlessRate", 0.50).add("harmlessScore", 75.0)).add("failed", 0).build();
        assertThat(BundleImporter.firstDifference("", bundle, same)).isNull();
        JsonObject other = Json.createObjectBuilder().add("overall", Json.createObjectBuilder()
                .add("harmlessRate", 0.25).add("harmlessScore", 75)).add("failed", 0).build();
        assertThat(BundleImporter.firstDifference("", bundle, other))
                .isEqualTo("overall.harmlessRate is 0.5 in the bundle, 0.25 recomputed");
        JsonObject missing = Json.createObjectBuilder().add("overall", bundle.get("overall")).build();
        assertThat(BundleImporter.firstDifference("", bundle, missing))
                .isEqualTo("failed is 0 in the bundle, null recomputed");
    }
}
