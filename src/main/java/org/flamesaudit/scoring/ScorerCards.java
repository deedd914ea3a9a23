package org.flamesaudit.scoring;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.djl.ScorerHeads;
import org.flamesaudit.scoring.imported.ImportedScorer;
import org.flamesaudit.scoring.judge.JudgeRubric;
import org.flamesaudit.scoring.judge.LlmJudgeScorer;

/**
 * The card of each scorer type: what it is and what is known of its agreement with human labels. Reports print the
 * card beside every figure, so a reader knows how far the numbers can be compared with the Flames leaderboard.
 */
public final class ScorerCards {

    private ScorerCards() {
    }

    /** The card of the scorer a run was configured with (its scorer JSON, as stored with the run). */
    public static ScorerCard forRun(String scorerKey, JsonObject scorerConfig) {
        return forRun(scorerKey, scorerConfig, id -> {
            throw new IllegalStateException("trained heads " + id + " need a lookup");
        });
    }

    /** As {@link #forRun(String, JsonObject)}, finding heads trained by the scorer-train job with {@code trained}. */
    public static ScorerCard forRun(String scorerKey, JsonObject scorerConfig,
                                    java.util.function.LongFunction<ScorerHeads> trained) {
        String type = scorerConfig.getString("type", "");
        return switch (type) {
            case ImportedScorer.TYPE -> new ScorerCard(scorerKey, "Imported scores 导入的分数", false,
                    "Scores read from a JSONL file supplied with the run (one {prompt, score, rationale} per line). "
                            + "Flames Audit checks every score against its dimension's scale and keeps the file's "
                            + "SHA-256 in the scorer key, but cannot know how the scores were produced.",
                    "not measured by Flames Audit; it is that of whoever produced the file.");
            case LlmJudgeScorer.TYPE -> new ScorerCard(scorerKey,
                    "LLM judge 大模型评审 (" + scorerConfig.getString("model", "?") + ")", false,
                    "A large language model reads each prompt and answer with the Flames rubric ("
                            + JudgeRubric.VERSION + ", in Chinese: the benchmark's scale definitions) and returns a "
                            + "score and a rationale; answers whose verdict cannot be read are UNSCORABLE.",
                    "not yet measured against human labels for this judge model; treat its rates as indicative.");
            case ScorerSpec.DJL -> !ScorerSpec.EMBEDDED.equals(scorerConfig.getString("model", ScorerSpec.EMBEDDED))
                    ? converted(scorerKey, scorerConfig.getString("model"))
                    : scorerConfig.containsKey("heads")
                    ? embedded(scorerKey, trained.apply(scorerConfig.getJsonNumber("heads").longValue()),
                    "heads " + scorerConfig.getJsonNumber("heads") + " trained by the scorer-train job")
                    : embedded(scorerKey, embeddedHeads(), "JADE v3 (Fudan Whitzard, MIT)");
            default -> new ScorerCard(scorerKey, type, false, "Scorer of type \"" + type + "\".", "not measured.");
        };
    }

    private static volatile ScorerHeads embeddedHeads;

    /** The shipped heads of the embedded scorer (with their measured card), read once. */
    public static ScorerHeads embeddedHeads() {
        ScorerHeads h = embeddedHeads;
        if (h == null) {
            h = DjlScorers.defaultHeads(ScorerCards.class.getClassLoader());
            embeddedHeads = h;
        }
        return h;
    }

    static ScorerCard embedded(String scorerKey, ScorerHeads heads, String origin) {
        JsonObject card = heads.card();
        JsonObject cv = card.getJsonObject("crossValidation");
        JsonObject overall = cv.getJsonObject("overall");
        return new ScorerCard(scorerKey, "Embedded scorer 内置评分器 (BGE-small-zh-v1.5 + logistic heads)", false,
                "Runs offline inside the server through DJL (ONNX Runtime, CPU or GPU): the Chinese encoder "
                        + "BAAI/bge-small-zh-v1.5 (quantized) reads each answer, and a logistic "
                        + "head per dimension (a shared one where a dimension had too few labels) says harmless (3) or"
                        + " harmful (1); it never gives 2 and does not read the prompt, so an answer harmful only in the light "
                        + "of its prompt is judged on its own words. Heads: " + origin + ", " + card.getInt("rows")
                        + " labeled Chinese answers (" + card.getString("trainedOn") + "); JADE's harmless answers are "
                        + "nearly all refusals (also trained on without their refusal sentences), so a helpful answer"
                        + " that does not refuse may still be scored harmful. It is NOT the official Flames scorer and"
                        + " has NOT been validated on Flames: its rates are not comparable with the Flames "
                        + "leaderboard.",
                String.format(java.util.Locale.ROOT, "cross-validated on %s (%d answers to %d prompts, %d "
                                + "folds split by prompt): accuracy %.1f%%, Cohen's kappa %.3f.%s",
                        origin.startsWith("JADE") ? "JADE v3" : card.getString("trainedOn"), card.getInt("rows"),
                        card.getInt("groups"), cv.getInt("folds"),
                        100 * overall.getJsonNumber("accuracy").doubleValue(),
                        overall.getJsonNumber("kappa").doubleValue(),
                        origin.startsWith("JADE") ? " JADE's labels come from how its answer pairs were built (real "
                                + "violating outputs against LLM-written safe answers), not from Flames annotators; "
                                + "agreement on Flames is unmeasured." : ""), card);
    }

    /** The card of a converted Flames scorer: official when converted from the published checkpoint. */
    static ScorerCard converted(String scorerKey, String dir) {
        String source = org.flamesaudit.scoring.djl.OfficialScorerFiles.source(java.nio.file.Path.of(dir));
        boolean official = source.startsWith(org.flamesaudit.scoring.djl.OfficialScorerFiles.OFFICIAL_SOURCE);
        return new ScorerCard(scorerKey, (official ? "Flames scorer 官方评分器" : "Flames-scorer contract 官方评分器格式")
                + " (" + source + ")", official,
                "The Flames scorer's contract run in-process through DJL's PyTorch engine: the official input "
                        + "template, its SentencePiece tokenizer, 512 tokens, the head of the answer's own dimension "
                        + "and the official class-to-score mapping (FLAMES.md). Model: " + source + ".",
                official ? "the scorer behind the Flames leaderboard (trained on the Flames human annotations); its"
                        + " authors have not evaluated it on prompts outside Flames."
                        : "not the published checkpoint: its scores mean what its maker says, nothing more.");
    }

    /** A card as the API shows it; the embedded scorer's comes with its measured figures. */
    public static JsonObject toJson(ScorerCard card, String type) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type).add("name", card.name())
                .add("official", card.official()).add("description", card.description())
                .add("agreement", card.agreement());
        if (card.key() != null) {
            b.add("key", card.key());
        }
        if (card.figures() != null) {
            b.add("figures", card.figures());
        }
        return b.build();
    }
}
