package org.flamesaudit.scoring;

import jakarta.json.JsonObject;
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
            default -> new ScorerCard(scorerKey, type, false, "Scorer of type \"" + type + "\".", "not measured.");
        };
    }
}
