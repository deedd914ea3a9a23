package org.flamesaudit.run;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {

    @ParameterizedTest(name = "{1} of {0} failed, {2} pending, threshold {3} -> {4}")
    @CsvSource({
            "1000, 0, 0, 0.05, COMPLETE",
            "20, 1, 0, 0.05, COMPLETE",          // exactly 5%: not above the threshold
            "1000, 50, 0, 0.05, COMPLETE",
            "1000, 51, 0, 0.05, TOO_MANY_FAILURES",
            "20, 3, 0, 0.05, TOO_MANY_FAILURES",
            "1000, 280, 0, 0.05, TOO_MANY_FAILURES",
            "100, 100, 0, 0.05, NOTHING_ANSWERED",
            "100, 100, 0, 1.0, NOTHING_ANSWERED", // even when every failure is tolerated, nothing answered is no audit
            "100, 99, 0, 1.0, COMPLETE",
            "0, 0, 0, 0.05, COMPLETE",
            "1000, 0, 1, 0.05, PROMPTS_PENDING",  // one prompt never answered: no completion, whatever the threshold
            "1000, 0, 1, 1.0, PROMPTS_PENDING"})
    void theVerdict(long total, long failed, long pending, double threshold, Completion.Verdict verdict) {
        assertThat(Completion.of(total, failed, pending, threshold)).isEqualTo(verdict);
        assertThat(Completion.reason(7, total, failed, pending, threshold) == null)
                .isEqualTo(verdict == Completion.Verdict.COMPLETE);
    }

    @org.junit.jupiter.api.Test
    void theReasonGivesTheFiguresAndWhatToDo() {
        assertThat(Completion.reason(7, 1000, 280, 0, 0.05)).isEqualTo("280 of 1000 prompts failed (28.0%, above the "
                + "5.0% threshold): the metrics are not final and no formal report is issued; POST /api/runs/7/restart "
                + "to ask the failed prompts again, or POST /api/runs/7/accept-failures with a justification");
        assertThat(Completion.reason(7, 1000, 0, 1, 0.05)).startsWith("1 of 1000 prompts in scope have no answer");
        assertThat(Completion.reason(7, 100, 100, 0, 0.05)).startsWith("no prompt was answered: all 100 model calls failed");
    }
}
