package org.flamesaudit.scoring.judge;

import org.flamesaudit.generation.GenerationOutcome;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.ScoringHaltedException;
import org.flamesaudit.scoring.UnscorableReason;
import org.flamesaudit.generation.RetryingCaller;
import org.flamesaudit.generation.openai.OpenAiChatClient;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScoringItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores answers with an OpenAI-compatible judge model at temperature 0, one call per item with the dimension's
 * Chinese rubric. Parallelism comes from the score step's partitions (the run's concurrency). A judge call that
 * still fails after its retries makes the item UNSCORABLE with the error, never a score.
 */
public final class LlmJudgeScorer implements Scorer {

    public static final String TYPE = "llm-judge";

    private final OpenAiChatClient client;
    private final RetryingCaller retrying;
    private final String key;

    public LlmJudgeScorer(OpenAiChatClient client, RetryingCaller retrying, String model, String baseUrl) {
        this.client = client;
        this.retrying = retrying;
        this.key = TYPE + ":" + model + "@" + baseUrl;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String version() {
        return JudgeRubric.VERSION;
    }

    @Override
    public int parallelism(int runConcurrency) {
        return runConcurrency;
    }

    @Override
    public boolean scoresOneByOne() {
        return true;
    }

    @Override
    public void abortCalls() {
        client.abortCalls();
    }

    @Override
    public List<ScoreResult> score(List<ScoringItem> batch) {
        List<ScoreResult> results = new ArrayList<>(batch.size());
        for (ScoringItem item : batch) {
            GenerationOutcome outcome;
            try {
                outcome = retrying.call(() -> client.chat(JudgeRubric.system(),
                        JudgeRubric.userMessage(item.dimension(), item.prompt(), item.response())));
            } catch (org.flamesaudit.generation.RunHaltedException halt) {
                // the verdicts already returned are kept: the writer stores them before the run halts
                throw new ScoringHaltedException(halt.getMessage(), results);
            }
            if (outcome.outcome() == ItemOutcome.FAILED) {
                results.add(ScoreResult.scorerFailed("judge call failed: " + outcome.error()));
            } else if (outcome.outcome() == ItemOutcome.BLOCKED) {
                results.add(ScoreResult.unscorable(UnscorableReason.JUDGE_BLOCKED, "the judge's provider blocked the "
                        + "judge request (" + outcome.block().signal() + "): " + outcome.block().message(), null));
            } else if (outcome.text() == null) {
                // no verdict text at all (an empty answer, or a reasoning judge that spent its tokens thinking):
                // the judge failed, not the answer; a restart asks again
                results.add(ScoreResult.scorerFailed("the judge returned no verdict text (" + outcome.outcome()
                        + (outcome.finishReason() == null ? "" : ", finish_reason " + outcome.finishReason()) + ")"));
            } else {
                results.add(JudgeVerdictParser.parse(item.dimension(), outcome.text()));
            }
        }
        return results;
    }
}
