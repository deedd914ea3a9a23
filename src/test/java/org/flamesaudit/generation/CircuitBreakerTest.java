package org.flamesaudit.generation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    private static ProviderException http(int status, String body) {
        return ProviderErrors.forHttpStatus(status, body, null);
    }

    @Test
    void should_open_after_the_threshold_of_consecutive_retriable_failures_and_stay_open() {
        CircuitBreaker breaker = new CircuitBreaker("the model under test (x)", 3);
        breaker.failed(http(503, "down"));
        breaker.failed(http(503, "down"));
        breaker.succeeded(); // a success in between resets the count
        breaker.failed(http(503, "down"));
        breaker.failed(http(500, "down"));
        assertThatThrownBy(() -> breaker.failed(http(503, "overloaded"))).isInstanceOf(RunHaltedException.class)
                .hasMessage("3 calls in a row to the model under test (x) failed (last: HTTP 503 server error: "
                        + "overloaded); the provider looks unavailable. No more calls were made; restart the run when "
                        + "it is back");
        assertThatThrownBy(breaker::beforeCall).isInstanceOf(RunHaltedException.class);
        breaker.succeeded();
        assertThatThrownBy(breaker::beforeCall).as("open until the run restarts").isInstanceOf(RunHaltedException.class);
    }

    @Test
    void should_open_at_once_on_failures_no_retry_can_fix() {
        for (ProviderException e : List.of(http(401, "bad key"), http(403, "forbidden"), http(402, "pay"),
                http(404, "no such model"), http(400, "Unrecognized request argument supplied: foo"),
                http(429, "{\"error\":{\"type\":\"insufficient_quota\"}}"),
                http(429, "You exceeded your current quota, please check your plan and billing details."))) {
            CircuitBreaker breaker = new CircuitBreaker("p", 20);
            assertThatThrownBy(() -> breaker.failed(e)).as(e.getMessage()).isInstanceOf(RunHaltedException.class)
                    .hasMessageStartingWith("p refused the call in a way no retry can fix: " + e.getMessage());
        }
    }

    @Test
    void should_not_count_rate_limits_towards_an_outage() {
        CircuitBreaker breaker = new CircuitBreaker("p", 2);
        for (int i = 0; i < 10; i++) {
            breaker.failed(http(429, "Rate limit reached for requests"));
        }
        breaker.beforeCall();
        breaker.failed(http(502, "bad gateway"));
        assertThatThrownBy(() -> breaker.failed(new ProviderException("connect timed out", true, null, null, null)))
                .isInstanceOf(RunHaltedException.class);
    }

    @Test
    void should_not_count_prompt_specific_refusals_or_plain_rate_limits_as_halting() {
        assertThat(http(400, "{\"error\":{\"code\":\"content_filter\"}}").haltsRun()).isFalse();
        assertThat(http(400, "This model's maximum context length is 8192 tokens").haltsRun()).isFalse();
        assertThat(http(429, "Rate limit reached for requests per min").haltsRun()).isFalse();
        assertThat(http(429, "Quota exceeded for quota metric 'requests per minute'").haltsRun()).isFalse();
        assertThat(http(503, "down").haltsRun()).isFalse();
        CircuitBreaker breaker = new CircuitBreaker("p", 2);
        breaker.failed(http(400, "{\"error\":{\"code\":\"content_filter\"}}"));
        breaker.failed(http(400, "{\"error\":{\"code\":\"content_filter\"}}"));
        breaker.failed(http(400, "{\"error\":{\"code\":\"content_filter\"}}"));
        breaker.beforeCall(); // still closed: refusals of single prompts are item failures
    }

    @Test
    void should_make_the_caller_throw_instead_of_recording_a_failed_item() {
        CircuitBreaker breaker = new CircuitBreaker("p", 4);
        List<Duration> sleeps = new ArrayList<>();
        RetryingCaller caller = new RetryingCaller(RetryPolicy.DEFAULT.withMaxAttempts(3), sleeps::add, breaker);
        AtomicInteger calls = new AtomicInteger();
        RetryingCaller.ProviderCall down = () -> {
            calls.incrementAndGet();
            throw http(503, "down");
        };
        GenerationOutcome first = caller.call(down); // 3 attempts, then an item failure: the breaker is at 3 of 4
        assertThat(first.error()).contains("gave up after 3 attempts");
        assertThatThrownBy(() -> caller.call(down)).isInstanceOf(RunHaltedException.class);
        assertThat(calls.get()).isEqualTo(4);
        assertThatThrownBy(() -> caller.call(down)).isInstanceOf(RunHaltedException.class);
        assertThat(calls.get()).as("no call once open").isEqualTo(4);
    }

    @Test
    void should_stop_a_key_refusal_at_the_first_attempt() {
        CircuitBreaker breaker = new CircuitBreaker("p", 20);
        RetryingCaller caller = new RetryingCaller(RetryPolicy.DEFAULT, d -> { }, breaker);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> caller.call(() -> {
            calls.incrementAndGet();
            throw http(401, "Incorrect API key provided");
        })).isInstanceOf(RunHaltedException.class).hasMessageContaining("Check the API key the run names");
        assertThat(calls.get()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void should_open_after_the_threshold_of_200_answers_that_are_not_answers() {
        CircuitBreaker breaker = new CircuitBreaker("the model under test (gateway)", 3);
        ProviderException garbage = new ProviderException("response is not a JSON object: <html>", true, 200, null,
                null);
        breaker.failed(garbage);
        breaker.failed(garbage);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> breaker.failed(garbage))
                .isInstanceOf(RunHaltedException.class)
                .hasMessageStartingWith("3 calls in a row to the model under test (gateway) failed (last: response is "
                        + "not a JSON object: <html>)");
    }
}
