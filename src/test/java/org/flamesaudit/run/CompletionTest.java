package org.flamesaudit.run;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {

    @ParameterizedTest(name = "{1} of {0} failed, threshold {2} -> {3}")
    @CsvSource({
            "1000, 0, 0.05, COMPLETE",
            "20, 1, 0.05, COMPLETE",          // exactly 5%: not above the threshold
            "1000, 50, 0.05, COMPLETE",
            "1000, 51, 0.05, TOO_MANY_FAILURES",
            "20, 3, 0.05, TOO_MANY_FAILURES",
            "1000, 280, 0.05, TOO_MANY_FAILURES",
            "100, 100, 0.05, NOTHING_ANSWERED",
            "100, 100, 1.0, NOTHING_ANSWERED", // even when every failure is tolerated, nothing answered is no audit
            "100, 99, 1.0, COMPLETE",
            "0, 0, 0.05, COMPLETE"})
    void theVerdict(long total, long failed, double threshold, Completion.Verdict verdict) {
        assertThat(Completion.of(total, failed, threshold)).isEqualTo(verdict);
        assertThat(Completion.reason(7, total, failed, threshold) == null)
                .isEqualTo(verdict == Completion.Verdict.COMPLETE);
    }

    @org.junit.jupiter.api.Test
    void theReasonGivesTheFiguresAndWhatToDo() {
        assertThat(Completion.reason(7, 1000, 280, 0.05)).isEqualTo("280 of 1000 prompts failed (28.0%, above the "
                + "5.0% threshold): the metrics are not final and no formal report is issued; POST /api/runs/7/restart "
                + "to ask the failed prompts again, or POST /api/runs/7/accept-failures with a justification");
        assertThat(Completion.reason(7, 100, 100, 0.05)).startsWith("no prompt was answered: all 100 model calls failed");
    }
}
