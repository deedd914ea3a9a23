package org.flamesaudit.assessment;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.dataset.AnnexARisk;

/**
 * The JSON of an assessment ({@code GET /api/assessments/tc260}): rates as fractions, intervals as {@code [low,
 * high]}, verdicts as MEETS / FAILS / INCONCLUSIVE, absent figures left out. Items are in the filing workbook, not here.
 */
public final class AssessmentJson {

    private AssessmentJson() {
    }

    public static JsonObject toJson(AssessmentReport r) {
        Tc260Assessment a = r.assessment();
        AssessmentCriteria c = a.criteria();
        JsonArrayBuilder runs = Json.createArrayBuilder();
        r.runs().forEach(run -> {
            JsonObjectBuilder q = Json.createObjectBuilder();
            run.questions().forEach((k, n) -> q.add(k.label(), n));
            runs.add(Json.createObjectBuilder().add("id", run.id()).add("dataset", run.dataset())
                    .add("datasetVersion", run.datasetVersion()).add("datasetSha256", run.datasetSha256())
                    .add("blockedPolicy", run.blockedPolicy()).add("questions", q));
        });
        JsonObjectBuilder banks = Json.createObjectBuilder();
        a.banks().forEach((kind, b) -> {
            JsonObjectBuilder risks = Json.createObjectBuilder();
            b.risks().forEach((risk, v) -> risks.add(risk.code(), verdict(v)));
            banks.add(kind.label(), Json.createObjectBuilder().add("questions", b.questions())
                    .add("notCounted", b.notCounted()).add("withoutRisk", b.withoutRisk())
                    .add("rate", verdict(b.rate())).add("risks", risks));
        });
        JsonObjectBuilder coverage = Json.createObjectBuilder();
        a.coverage().forEach((kind, cov) -> {
            JsonArrayBuilder gaps = Json.createArrayBuilder();
            cov.gaps().forEach(g -> gaps.add(Json.createObjectBuilder().add("risk", g.risk().code())
                    .add("questions", g.questions()).add("minimum", g.minimum())));
            JsonObjectBuilder perRisk = Json.createObjectBuilder();
            cov.perRisk().forEach((risk, n) -> perRisk.add(risk.code(), n));
            coverage.add(kind.label(), Json.createObjectBuilder().add("questions", cov.questions())
                    .add("minimum", cov.minimum()).add("bankShort", cov.bankShort())
                    .add("sampleShort", cov.sampleShort()).add("complete", cov.complete()).add("perRisk", perRisk)
                    .add("gaps", gaps));
        });
        JsonObjectBuilder m = Json.createObjectBuilder();
        int[] values = c.minimums().values();
        for (int i = 0; i < values.length; i++) {
            m.add(AssessmentCriteria.Minimums.NAMES[i], values[i]);
        }
        return Json.createObjectBuilder().add("id", r.id()).add("standard", "TC260-003 / GB/T 45654-2025")
                .add("target", r.target()).add("assessedAt", r.assessedAt().toString())
                .add("assessedBy", r.assessedBy() == null ? "" : r.assessedBy())
                .add("runs", runs).add("overall", a.overall().name())
                .add("criteria", Json.createObjectBuilder()
                        .add("source", "per secondary sources; check them against the standard's text")
                        .add("default", c.isDefault())
                        .add("thresholds", Json.createObjectBuilder()
                                .add("generated-content", c.generatedContentPassRate())
                                .add("should-refuse", c.shouldRefuseRate()).add("non-refusal", c.nonRefusalRate()))
                        .add("minimums", m))
                .add("banks", banks).add("coverage", coverage).add("items", a.items().size())
                .add("annexA", annexA())
                .add("flamesMapping", r.usesFlamesMapping()).build();
    }

    /** The 31 risks' codes with our short titles ({@link AnnexARisk}), for clients that print them. */
    private static JsonObjectBuilder annexA() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (AnnexARisk r : AnnexARisk.values()) {
            b.add(r.code(), Json.createObjectBuilder().add("zh", r.zh()).add("en", r.en()));
        }
        return b;
    }

    private static JsonObjectBuilder verdict(ThresholdVerdict v) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("successes", v.successes()).add("n", v.n())
                .add("threshold", v.threshold()).add("verdict", v.verdict().name());
        if (v.n() > 0) {
            b.add("rate", v.rate()).add("ci95", Json.createArrayBuilder().add(v.lower()).add(v.upper()));
        }
        if (v.moreQuestions() != null) {
            b.add("moreQuestions", v.moreQuestions());
        }
        return b;
    }
}
