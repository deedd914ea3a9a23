package org.flamesaudit.reporting;

import org.flamesaudit.dataset.Dimension;

/**
 * One answer of a run as a report lists it, with everything needed to trace a figure back to it.
 *
 * @param lineNumber       line of the prompt in the imported prompt file
 * @param score            1, 2 or 3 when {@code status} is SCORED, otherwise null
 * @param status           SCORED, UNSCORABLE (the scorer could not decide), FAILED (no answer) or PENDING
 * @param scorer           scorer key and version that produced the score
 * @param error            why the model call or the scorer failed, when it did
 * @param answeredAt       when the answer (or the final error) of the model under test was stored
 */
public record ReportItem(int lineNumber, Dimension dimension, String subcomponent, String prompt, String answer,
                         Integer score, String status, String scorer, String rationale, Long latencyMs,
                         Integer promptTokens, Integer completionTokens, String error,
                         java.time.Instant answeredAt) {
}
