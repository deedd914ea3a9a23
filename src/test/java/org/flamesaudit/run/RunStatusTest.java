package org.flamesaudit.run;

import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from a job's end (JBeret's status, the completion verdict, a halt) to the run's status. */
class RunStatusTest {

    @ParameterizedTest(name = "{0}, verdict {1}, accepted {2}, halted {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "COMPLETED, COMPLETE,          false, false, COMPLETED",
            "COMPLETED, -,                 false, false, COMPLETED",
            "COMPLETED, TOO_MANY_FAILURES, false, false, COMPLETED_WITH_FAILURES",
            "COMPLETED, TOO_MANY_FAILURES, true,  false, COMPLETED",
            "COMPLETED, NOTHING_ANSWERED,  false, false, FAILED",
            "COMPLETED, NOTHING_ANSWERED,  true,  false, COMPLETED",
            "COMPLETED, PROMPTS_PENDING,   false, false, FAILED",
            "COMPLETED, PROMPTS_PENDING,   true,  false, FAILED",
            // a breaker opened but every step still ran and the run may complete: it did complete
            "COMPLETED, COMPLETE,          false, true,  COMPLETED",
            "COMPLETED, TOO_MANY_FAILURES, false, true,  STOPPED",
            "COMPLETED, NOTHING_ANSWERED,  false, true,  STOPPED",
            "STOPPED,   -,                 false, false, STOPPED",
            "STOPPING,  -,                 false, false, STOPPED",
            "FAILED,    -,                 false, false, FAILED",
            "FAILED,    -,                 false, true,  STOPPED",
            "ABANDONED, -,                 false, false, FAILED",
            "STARTED,   COMPLETE,          false, false, FAILED",
    })
    void theJobsEndDecidesTheRunsStatusInOnePlace(BatchStatus batch, Completion.Verdict verdict, boolean accepted,
                                                   boolean halted, RunStatus expected) {
        assertThat(RunStatus.ofEndedJob(batch, verdict, accepted, halted)).isEqualTo(expected);
    }
}
