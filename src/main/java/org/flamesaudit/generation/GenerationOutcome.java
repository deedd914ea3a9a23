package org.flamesaudit.generation;

/**
 * What a model call produced after all its attempts: the item's {@link ItemOutcome} with the answer text (null when
 * there is none or it was blank), the reasoning kept beside it, the provider's block, or the final error (FAILED).
 */
public record GenerationOutcome(ItemOutcome outcome, String text, String reasoning, ProviderBlock block,
                                long latencyMs, Integer promptTokens, Integer completionTokens, String finishReason,
                                int attempts, String error) {

    public static GenerationOutcome success(Generation g, long latencyMs, int attempts) {
        String text = g.text() == null || g.text().isBlank() ? null : g.text();
        return new GenerationOutcome(ItemOutcomes.of(g), text, g.reasoning(), g.block(), latencyMs, g.promptTokens(),
                g.completionTokens(), g.finishReason(), attempts, null);
    }

    /** The provider's safety system declined the call (a documented moderation error). */
    public static GenerationOutcome blocked(ProviderBlock block, long latencyMs, int attempts) {
        return new GenerationOutcome(ItemOutcome.BLOCKED, null, null, block, latencyMs, null, null, null, attempts,
                null);
    }

    public static GenerationOutcome failure(String error, long latencyMs, int attempts) {
        return new GenerationOutcome(ItemOutcome.FAILED, null, null, null, latencyMs, null, null, null, attempts, error);
    }
}
