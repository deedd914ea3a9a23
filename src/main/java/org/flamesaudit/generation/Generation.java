package org.flamesaudit.generation;

/**
 * One answer from a model connector, as the provider gave it. Token counts are null when the provider does not
 * report them. {@code reasoning} is a reasoning model's thinking, never scored ({@link ReasoningText});
 * {@code signalled} is the outcome a documented signal of the answer names ({@link ProviderSignatures}: BLOCKED with
 * its {@code block}, or TRUNCATED), null when none did. {@link ItemOutcomes#of} decides the item's outcome.
 */
public record Generation(String text, String finishReason, Integer promptTokens, Integer completionTokens,
                         String reasoning, ItemOutcome signalled, ProviderBlock block) {

    /** A plain answer: no reasoning, no signal. */
    public Generation(String text, String finishReason, Integer promptTokens, Integer completionTokens) {
        this(text, finishReason, promptTokens, completionTokens, null, null, null);
    }
}
