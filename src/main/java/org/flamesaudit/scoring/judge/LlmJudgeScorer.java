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

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ProviderException;
import org.flamesaudit.scoring.ScoringLogger;
import org.flamesaudit.support.Jsons;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scores answers with an OpenAI-compatible judge model, one call per item with the dimension's Chinese rubric, at
 * temperature 0 with a fixed {@code seed} and a structured {@code response_format} ({@link JudgeOutputFormat}; the
 * verdict schema allows only the dimension's scores). Parallelism comes from the score step's partitions (the run's
 * concurrency). A judge call that still fails after its retries makes the item UNSCORABLE with the error, never a
 * score; every output is read strictly ({@link JudgeVerdictParser}).
 * <p>
 * An endpoint that refuses what it is asked (HTTP 400 or 422 naming {@code response_format}, {@code json_schema} or
 * {@code seed}: older vLLM and Ollama builds, DeepSeek's API for {@code json_schema}) is asked again at once with the
 * next looser format (json_schema, then json_object, then plain text) or without the seed, for the rest of the run,
 * logged once (FLAMES001104). What was asked is part of {@link #version()}, stored with every score and printed in the
 * report's header, so a run whose judge fell back says so.
 */
public final class LlmJudgeScorer implements Scorer {

    public static final String TYPE = "llm-judge";

    private static final ScoringLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScoringLogger.class,
            LlmJudgeScorer.class.getName());

    private final OpenAiChatClient client;
    private final RetryingCaller retrying;
    private final String key;
    private final AtomicReference<JudgeOutputFormat> format;
    private final Integer seed;
    private final AtomicBoolean sendSeed;

    /**
     * @param format the format asked first ({@link JudgeOutputFormat#JSON_SCHEMA} by default)
     * @param seed   the sampling seed sent with every call, or null for none
     */
    public LlmJudgeScorer(OpenAiChatClient client, RetryingCaller retrying, String model, String baseUrl,
                          JudgeOutputFormat format, Integer seed) {
        this.client = client;
        this.retrying = retrying;
        this.key = TYPE + ":" + model + "@" + baseUrl;
        this.format = new AtomicReference<>(format);
        this.seed = seed;
        this.sendSeed = new AtomicBoolean(seed != null);
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * The rubric and what the judge is asked, e.g. {@code flames-judge-rubric-v1 (response_format json_schema,
     * temperature 0, seed 42)}; it changes when the endpoint refused a field and the judge fell back.
     */
    @Override
    public String version() {
        return version(format.get(), sendSeed.get());
    }

    private String version(JudgeOutputFormat f, boolean withSeed) {
        return JudgeRubric.VERSION + " (response_format " + f.label() + ", temperature 0"
                + (withSeed ? ", seed " + seed : "") + ")";
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
            // what the last attempt asked for: another thread's fallback may change version() meanwhile
            String[] asked = new String[1];
            try {
                outcome = retrying.call(() -> ask(item, asked));
            } catch (org.flamesaudit.generation.RunHaltedException halt) {
                // the verdicts already returned are kept: the writer stores them before the run halts
                throw new ScoringHaltedException(halt.getMessage(), results);
            }
            results.add(verdict(item, outcome).askedAs(asked[0]));
        }
        return results;
    }

    /** The verdict read from one judge call's outcome. */
    private static ScoreResult verdict(ScoringItem item, GenerationOutcome outcome) {
        if (outcome.outcome() == ItemOutcome.FAILED) {
            return ScoreResult.scorerFailed("judge call failed: " + outcome.error());
        }
        if (outcome.outcome() == ItemOutcome.BLOCKED) {
            return ScoreResult.unscorable(UnscorableReason.JUDGE_BLOCKED, "the judge's provider blocked the judge "
                    + "request (" + outcome.block().signal() + "): " + outcome.block().message(), null);
        }
        if (outcome.text() == null) {
            // no verdict text at all (an empty answer, or a reasoning judge that spent its tokens thinking): the
            // judge failed, not the answer; a restart asks again
            return ScoreResult.scorerFailed("the judge returned no verdict text (" + outcome.outcome()
                    + (outcome.finishReason() == null ? "" : ", finish_reason " + outcome.finishReason()) + ")");
        }
        return JudgeVerdictParser.parse(item.dimension(), outcome.text());
    }

    /** One attempt; a refused response_format or seed is dropped (see the class comment) and the item asked again. */
    private Generation ask(ScoringItem item, String[] asked) throws ProviderException {
        String user = JudgeRubric.userMessage(item.dimension(), item.prompt(), item.response());
        while (true) {
            JudgeOutputFormat f = format.get();
            boolean withSeed = sendSeed.get();
            JsonObjectBuilder extra = Jsons.JSON.createObjectBuilder();
            if (withSeed) {
                extra.add("seed", seed);
            }
            JsonObject responseFormat = f.responseFormat(item.dimension());
            if (responseFormat != null) {
                extra.add("response_format", responseFormat);
            }
            asked[0] = version(f, withSeed);
            try {
                return client.chat(JudgeRubric.system(), user, extra.build());
            } catch (ProviderException e) {
                String refused = refusedField(e, f, withSeed);
                if (refused == null) {
                    throw e;
                }
                if (refused.equals("seed")) {
                    if (sendSeed.compareAndSet(true, false)) {
                        LOG.judgeRequestFieldRefused(key, "seed", e.getMessage(), "no seed");
                    }
                } else if (format.compareAndSet(f, f.fallback())) {
                    LOG.judgeRequestFieldRefused(key, "response_format " + f.label(), e.getMessage(),
                            "response_format " + f.fallback().label());
                }
            }
        }
    }

    /** Words of a provider's refusal of a request field (OpenAI, vLLM, DeepSeek, Ollama error messages). */
    private static final List<String> REFUSAL_WORDS = List.of("unrecognized", "unsupported", "not supported",
            "unknown", "unavailable", "not allowed", "not permitted", "extra inputs", "invalid parameter",
            "does not support");

    /**
     * Which request field the endpoint refused: {@code seed}, {@code response_format}, or null when the failure is
     * not such a refusal (or nothing is left to drop). Read from an HTTP 400 or 422 whose message names the field
     * with refusal wording ({@link #REFUSAL_WORDS}).
     */
    static String refusedField(ProviderException e, JudgeOutputFormat asked, boolean withSeed) {
        Integer status = e.httpStatus();
        if (status == null || (status != 400 && status != 422) || e.getMessage() == null) {
            return null;
        }
        String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        // only a refusal that names the field: a gateway that echoes the request (or lists every parameter) in an
        // error about something else, such as the context length, must not cost the run its schema or seed
        if (REFUSAL_WORDS.stream().noneMatch(m::contains)) {
            return null;
        }
        if (asked.fallback() != null && (m.contains("response_format") || m.contains("json_schema"))) {
            return "response_format";
        }
        if (withSeed && m.contains("seed")) {
            return "seed";
        }
        return null;
    }
}
