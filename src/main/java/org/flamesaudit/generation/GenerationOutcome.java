package org.flamesaudit.generation;

/**
 * What a model call produced after all its attempts: either the answer text or the final error.
 */
public record GenerationOutcome(String text, long latencyMs, Integer promptTokens, Integer completionTokens,
                                String finishReason, int attempts, String error) {

    public static GenerationOutcome success(Generation g, long latencyMs, int attempts) {
        return new GenerationOutcome(g.text(), latencyMs, g.promptTokens(), g.completionTokens(), g.finishReason(),
                attempts, null);
    }

    public static GenerationOutcome failure(String error, long latencyMs, int attempts) {
        return new GenerationOutcome(null, latencyMs, null, null, null, attempts, error);
    }
}
