package org.flamesaudit.scoring;

import org.flamesaudit.generation.RetryingCaller;
import org.flamesaudit.generation.openai.OpenAiChatClient;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.imported.ImportedScorer;
import org.flamesaudit.scoring.judge.LlmJudgeScorer;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.flamesaudit.keys.Secrets;

import java.time.Duration;

/** Builds the scorer a {@link ScorerSpec} names, failing early with a message that says what to fix. */
public final class ScorerFactory {

    private final Secrets secrets;
    private final DjlScorers djl;
    private final java.util.function.LongFunction<org.flamesaudit.scoring.djl.ScorerHeads> trainedHeads;

    /**
     * {@code djl}: the bean that holds the in-process models (null where only judge and imported scorers exist);
     * {@code trainedHeads}: finds READY heads of the scorer-train job by id.
     */
    public ScorerFactory(Secrets secrets, DjlScorers djl,
                         java.util.function.LongFunction<org.flamesaudit.scoring.djl.ScorerHeads> trainedHeads) {
        this.secrets = secrets;
        this.djl = djl;
        this.trainedHeads = trainedHeads;
    }

    public Scorer create(ScorerSpec spec) {
        return create(spec, null);
    }

    /** The scorer, its provider calls guarded by the breaker (null: none, e.g. when only checking the spec). */
    public Scorer create(ScorerSpec spec, org.flamesaudit.generation.CircuitBreaker breaker) {
        return switch (spec.type()) {
            case LlmJudgeScorer.TYPE -> {
                OpenAiChatClient client = new OpenAiChatClient(spec.baseUrl(), spec.model(),
                        secrets.key(spec.apiKeyEnv(), spec.apiKeyAlias(), spec.baseUrl(), "scorer"), 0.0, 512, Duration.ofSeconds(10),
                        Duration.ofSeconds(spec.timeoutSeconds() == null ? 120 : spec.timeoutSeconds()),
                        spec.streams());
                yield new LlmJudgeScorer(client, new RetryingCaller(spec.retryPolicy(), breaker), spec.model(),
                        spec.baseUrl(), spec.effectiveOutputFormat(), spec.effectiveSeed());
            }
            case ScorerSpec.DJL -> {
                if (djl == null) {
                    throw new ConfigurationException("scorer.type", "the djl scorer runs only inside the server");
                }
                if (spec.isEmbedded()) {
                    yield spec.heads() == null ? djl.embedded() : djl.embedded(trainedHeads.apply(spec.heads()));
                }
                // the directory of a converted scorer: confined to the import directories like every other file
                java.nio.file.Path meta = ImportDirectories.configured().require("scorer.model",
                        java.nio.file.Path.of(spec.model()).resolve("flames-scorer.json").toString());
                yield djl.official(meta.getParent(), spec.effectiveBatchSize());
            }
            case ImportedScorer.TYPE -> new ImportedScorer(ImportDirectories.configured().require("scorer.file", spec.file()));
            default -> throw new ConfigurationException("scorer.type", "unknown scorer " + spec.type());
        };
    }
}
