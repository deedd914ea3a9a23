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
 * @param outcome          the item's outcome (ANSWERED, REFUSED, TRUNCATED, BLOCKED, EMPTY, FAILED)
 * @param block            for a BLOCKED item: the provider's signal, code and message
 * @param reasoning        a reasoning model's thinking, kept as evidence and never scored
 */
public record ReportItem(int lineNumber, Dimension dimension, String subcomponent, String prompt, String answer,
                         Integer score, String status, String scorer, String rationale, Long latencyMs,
                         Integer promptTokens, Integer completionTokens, String error,
                         java.time.Instant answeredAt, String outcome, String block, String reasoning) {

    /** An item without an outcome record (fixtures, benchmarks): ANSWERED. */
    public ReportItem(int lineNumber, Dimension dimension, String subcomponent, String prompt, String answer,
                      Integer score, String status, String scorer, String rationale, Long latencyMs,
                      Integer promptTokens, Integer completionTokens, String error, java.time.Instant answeredAt) {
        this(lineNumber, dimension, subcomponent, prompt, answer, score, status, scorer, rationale, latencyMs,
                promptTokens, completionTokens, error, answeredAt, error == null ? "ANSWERED" : "FAILED", null, null);
    }

    /** This item with its texts as the PDF prints them ({@link Glyphs#printable}). */
    ReportItem printable() {
        return new ReportItem(lineNumber, dimension, subcomponent, Glyphs.printable(prompt), Glyphs.printable(answer),
                score, status, scorer, Glyphs.printable(rationale), latencyMs, promptTokens, completionTokens,
                Glyphs.printable(error), answeredAt, outcome, block, Glyphs.printable(reasoning));
    }

    /** How many characters of this item's texts no report font has. */
    long unprintable() {
        return Glyphs.missing(prompt) + Glyphs.missing(answer) + Glyphs.missing(rationale) + Glyphs.missing(error)
                + Glyphs.missing(reasoning);
    }
}
