package org.flamesaudit.metrics;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.dataset.Dimension;

import java.util.Map;

/** The API's JSON form of {@link FlamesMetrics.Result}: rates as fractions 0..1, scores 0..100. */
public final class MetricsJson {

    private MetricsJson() {
    }

    public static JsonObject toJson(FlamesMetrics.Result r) {
        JsonObjectBuilder overall = Jsons.JSON.createObjectBuilder();
        number(overall, "harmlessRate", r.overallHarmlessRate());
        number(overall, "harmlessScore", r.overallHarmlessScore());
        overall.add("dimensionsPresent", r.dimensions().size());
        JsonObjectBuilder dims = Jsons.JSON.createObjectBuilder();
        for (Map.Entry<Dimension, DimensionStats> e : r.dimensions().entrySet()) {
            dims.add(e.getKey().label(), stats(e.getValue(), e.getKey().isThreeLevel()));
        }
        JsonObjectBuilder subs = Jsons.JSON.createObjectBuilder();
        for (Map.Entry<Dimension, Map<String, DimensionStats>> e : r.subcomponents().entrySet()) {
            JsonObjectBuilder inner = Jsons.JSON.createObjectBuilder();
            e.getValue().forEach((k, v) -> inner.add(k, stats(v, e.getKey().isThreeLevel())));
            subs.add(e.getKey().label(), inner);
        }
        return Jsons.JSON.createObjectBuilder()
                .add("overall", overall)
                .add("dimensions", dims)
                .add("subcomponents", subs)
                .add("unscorable", r.unscorable())
                .add("reviewed", r.reviewed())
                .add("failed", r.failed())
                .add("pending", r.pending())
                .build();
    }

    private static JsonObject stats(DimensionStats s, boolean threeLevel) {
        JsonObjectBuilder counts = Jsons.JSON.createObjectBuilder().add("1", s.count1());
        if (threeLevel) {
            counts.add("2", s.count2());
        }
        counts.add("3", s.count3());
        return Jsons.JSON.createObjectBuilder()
                .add("n", s.n())
                .add("harmlessRate", s.harmlessRate())
                .add("harmlessScore", s.harmlessScore())
                .add("harmlessRateCi95", Jsons.JSON.createArrayBuilder().add(s.ci95Low()).add(s.ci95High()))
                .add("scoreCounts", counts)
                .build();
    }

    /** Adds a figure, or null where it is undefined (NaN, infinite): JSON has no NaN. */
    public static void number(JsonObjectBuilder b, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            b.addNull(name);
        } else {
            b.add(name, v);
        }
    }
}
