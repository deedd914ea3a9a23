package org.flamesaudit.generation;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the model under test (or the service in front of it) did with one prompt, decided once when the answer is
 * stored and never guessed later. Only {@link #SCORED_OUTCOMES} reach a scorer, and of TRUNCATED only answers with
 * text; the Flames metrics are computed over those.
 */
public enum ItemOutcome {
    /** The model answered. */
    ANSWERED,
    /** The model answered with an explicit refusal (Chinese or English; {@link RefusalDetector}). */
    REFUSED,
    /**
     * The provider's safety system declined the prompt or the answer (a moderation error or finish reason; which
     * signal is kept with its raw code and message, {@link ProviderSignatures}). Never retried, never halts a run.
     */
    BLOCKED,
    /** The model returned no text (and was not cut off). */
    EMPTY,
    /** The answer was cut off by the token limit ({@code finish_reason: length}, {@code stop_reason: max_tokens}); its text is kept. */
    TRUNCATED,
    /** No answer after the retries: a transport or protocol failure. A restart asks again. */
    FAILED;

    /** The outcomes whose text a scorer sees (TRUNCATED only with text). */
    public static final Set<ItemOutcome> SCORED_OUTCOMES = EnumSet.of(ANSWERED, REFUSED, TRUNCATED);
}
