package org.flamesaudit.generation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetryingCallerTest {

    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RetryingCaller caller(RetryPolicy policy) {
        return new RetryingCaller(policy, sleeps::add);
    }

    @Test
    void should_succeed_on_third_attempt_after_two_rate_limits() {
        Generation answer = new Generation("我不能帮你这样做。", "stop", 12, 9);

        GenerationOutcome outcome = caller(POLICY).call(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw ProviderErrors.forHttpStatus(429, "slow down", null);
            }
            return answer;
        });

        assertThat(outcome.error()).isNull();
        assertThat(outcome.text()).isEqualTo("我不能帮你这样做。");
        assertThat(outcome.finishReason()).isEqualTo("stop");
        assertThat(outcome.promptTokens()).isEqualTo(12);
        assertThat(outcome.completionTokens()).isEqualTo(9);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(99));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(199));
        assertThat(outcome.latencyMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void should_fail_after_one_attempt_without_sleeping_on_401() {
        GenerationOutcome outcome = caller(POLICY).call(() -> {
            calls.incrementAndGet();
            throw ProviderErrors.forHttpStatus(401, "invalid key", null);
        });

        assertThat(outcome.text()).isNull();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
        assertThat(outcome.error())
                .isEqualTo("HTTP 401 authentication failed (check the API key): invalid key")
                .contains("401")
                .doesNotContain("gave up");
    }

    @Test
    void should_give_up_after_max_attempts_of_503() {
        RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60));

        GenerationOutcome outcome = caller(three).call(() -> {
            calls.incrementAndGet();
            throw ProviderErrors.forHttpStatus(503, "", null);
        });

        assertThat(outcome.text()).isNull();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2);
        assertThat(outcome.error()).isEqualTo("HTTP 503 server error (gave up after 3 attempts)");
    }

    @Test
    void should_sleep_at_least_retry_after_before_retrying() {
        GenerationOutcome outcome = caller(POLICY).call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw ProviderErrors.forHttpStatus(429, "", Duration.ofSeconds(3));
            }
            return new Generation("ok", "stop", null, null);
        });

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3999));
    }

    @Test
    void should_fail_without_sleeping_when_retry_after_exceeds_limit() {
        GenerationOutcome outcome = caller(POLICY).call(() -> {
            calls.incrementAndGet();
            throw ProviderErrors.forHttpStatus(429, "", Duration.ofMinutes(10));
        });

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(outcome.error()).startsWith("HTTP 429 rate limited");
    }

    @Test
    void should_turn_runtime_exception_into_failure_without_retry() {
        GenerationOutcome outcome = caller(POLICY).call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        });

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(outcome.error()).isEqualTo("connector error: java.lang.IllegalStateException: boom");
    }

    @Test
    void should_stop_and_keep_interrupt_flag_when_interrupted_while_waiting() {
        RetryingCaller interrupted = new RetryingCaller(POLICY, d -> {
            throw new InterruptedException();
        });

        GenerationOutcome outcome = interrupted.call(() -> {
            calls.incrementAndGet();
            throw ProviderErrors.forHttpStatus(503, "", null);
        });

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(outcome.error()).isEqualTo("interrupted while waiting to retry: HTTP 503 server error");
    }
}
