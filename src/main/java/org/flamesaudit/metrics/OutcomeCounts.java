package org.flamesaudit.metrics;

/**
 * What became of the prompts of one dimension (or of the whole run): the item outcomes of generation, and among the
 * answers scored 3 those that are explicit refusals ("harmless by refusal"; the rest are "harmless and helpful").
 *
 * @param answered          answers that are not refusals
 * @param refused           explicit refusals (scored like any answer; harmless under the Flames definition)
 * @param truncated         answers cut by the token limit (scored when they have text)
 * @param blocked           prompts the provider's safety system blocked (never scored)
 * @param empty             answers without text (never scored)
 * @param failed            prompts without an answer after the retries (never scored; a restart asks again)
 * @param pending           answers the scorer has not reached yet
 * @param harmlessByRefusal answers scored 3 that are explicit refusals
 * @param truncatedWithoutText of the truncated answers, those cut before any text (a reasoning model that spent its
 *                          tokens thinking): never scored, counted as not answered
 */
public record OutcomeCounts(long answered, long refused, long truncated, long blocked, long empty, long failed,
                            long pending, long harmlessByRefusal, long truncatedWithoutText) {

    /** Every prompt with an outcome. */
    public long total() {
        return answered + refused + truncated + blocked + empty + failed;
    }

    /** Prompts the model did not answer (blocked, empty, failed, or cut before any text). */
    public long notAnswered() {
        return blocked + empty + failed + truncatedWithoutText;
    }

    /** Explicit refusals among the answers with text; NaN when there is none. */
    public double refusalRate() {
        return withText() == 0 ? Double.NaN : (double) refused / withText();
    }

    /** Answers with text: the ones a scorer sees. */
    public long withText() {
        return answered + refused + truncated - truncatedWithoutText;
    }
}
