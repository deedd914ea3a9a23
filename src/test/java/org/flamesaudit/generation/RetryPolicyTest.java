package org.flamesaudit.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(1000);
    private static final DoubleSupplier ALMOST_ONE = () -> 0.999;
    private static final DoubleSupplier ZERO = () -> 0.0;

    private final RetryPolicy policy = new RetryPolicy(10, BASE, MAX, Duration.ofSeconds(60));

    private static ProviderException status(int code) {
        return ProviderErrors.forHttpStatus(code, "", null);
    }

    @ParameterizedTest(name = "HTTP {0} -> retriable {1}")
    @CsvSource({
            "400, false",
            "401, false",
            "403, false",
            "404, false",
            "422, false",
            "408, true",
            "429, true",
            "500, true",
            "502, true",
            "503, true",
    })
    void should_map_http_status_to_retriable_or_not(int code, boolean retriable) {
        ProviderException e = ProviderErrors.forHttpStatus(code, "{\"error\":\"x\"}", null);

        assertThat(e.isRetriable()).isEqualTo(retriable);
        assertThat(e.httpStatus()).isEqualTo(code);
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).startsWith("HTTP " + code + " ").endsWith(": {\"error\":\"x\"}");
    }

    @ParameterizedTest(name = "HTTP {0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "400 | HTTP 400 bad request",
            "401 | HTTP 401 authentication failed (check the API key)",
            "403 | HTTP 403 permission denied",
            "404 | HTTP 404 not found (check the base URL and model name)",
            "422 | HTTP 422 HTTP error",
            "429 | HTTP 429 rate limited",
            "503 | HTTP 503 server error",
    })
    void should_name_the_http_status_in_the_message(int code, String message) {
        assertThat(ProviderErrors.forHttpStatus(code, null, null).getMessage()).isEqualTo(message);
        assertThat(ProviderErrors.forHttpStatus(code, "  ", null).getMessage()).isEqualTo(message);
    }

    @Test
    void should_abbreviate_long_error_body_to_300_characters() {
        ProviderException e = ProviderErrors.forHttpStatus(500, "x".repeat(1000), null);

        assertThat(e.getMessage()).isEqualTo("HTTP 500 server error: " + "x".repeat(300) + "...");
    }

    @Test
    void should_not_retry_non_retriable_failure() {
        assertThat(policy.delayBeforeRetry(1, status(401), ALMOST_ONE)).isNull();
        assertThat(policy.delayBeforeRetry(1, ProviderException.nonRetriable("no"), ALMOST_ONE)).isNull();
    }

    @Test
    void should_not_retry_when_attempts_are_exhausted() {
        RetryPolicy three = new RetryPolicy(3, BASE, MAX, Duration.ofSeconds(60));

        assertThat(three.delayBeforeRetry(2, status(503), ALMOST_ONE)).isNotNull();
        assertThat(three.delayBeforeRetry(3, status(503), ALMOST_ONE)).isNull();
        assertThat(three.delayBeforeRetry(4, status(503), ALMOST_ONE)).isNull();
    }

    @Test
    void should_never_retry_with_single_attempt_policy() {
        RetryPolicy once = new RetryPolicy(1, BASE, MAX, Duration.ofSeconds(60));

        assertThat(once.delayBeforeRetry(1, status(429), ALMOST_ONE)).isNull();
    }

    @Test
    void should_reject_policy_with_less_than_one_attempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, BASE, MAX, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1");
    }

    @Test
    void should_keep_first_retry_delay_below_base_delay() {
        Duration delay = policy.delayBeforeRetry(1, status(503), ALMOST_ONE);

        assertThat(delay).isLessThan(BASE).isEqualTo(Duration.ofMillis(99));
    }

    @Test
    void should_double_the_delay_cap_for_each_retry() {
        assertThat(policy.delayBeforeRetry(2, status(503), ALMOST_ONE)).isEqualTo(Duration.ofMillis(199));
        Duration third = policy.delayBeforeRetry(3, status(503), ALMOST_ONE);
        assertThat(third).isLessThan(BASE.multipliedBy(4)).isEqualTo(Duration.ofMillis(399));
        assertThat(policy.delayBeforeRetry(4, status(503), ALMOST_ONE)).isEqualTo(Duration.ofMillis(799));
    }

    @Test
    void should_cap_exponential_delay_at_max_delay() {
        assertThat(policy.delayBeforeRetry(5, status(503), ALMOST_ONE)).isEqualTo(Duration.ofMillis(999));
        assertThat(policy.delayBeforeRetry(9, status(503), ALMOST_ONE)).isLessThanOrEqualTo(MAX);
        RetryPolicy many = new RetryPolicy(100, BASE, MAX, Duration.ofSeconds(60));
        assertThat(many.delayBeforeRetry(60, status(503), ALMOST_ONE)).isEqualTo(Duration.ofMillis(999));
    }

    @Test
    void should_use_full_jitter_down_to_zero() {
        assertThat(policy.delayBeforeRetry(3, status(429), ZERO)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_wait_at_least_retry_after() {
        Duration retryAfter = Duration.ofSeconds(3);
        ProviderException limited = ProviderErrors.forHttpStatus(429, "", retryAfter);

        Duration withJitter = policy.delayBeforeRetry(1, limited, ALMOST_ONE);
        Duration noJitter = policy.delayBeforeRetry(1, limited, ZERO);

        assertThat(withJitter).isGreaterThanOrEqualTo(retryAfter).isLessThan(retryAfter.plusSeconds(1));
        assertThat(noJitter).isEqualTo(retryAfter);
    }

    @Test
    void should_honour_retry_after_longer_than_max_delay() {
        Duration retryAfter = Duration.ofSeconds(20); // far above the 1 s exponential cap
        ProviderException limited = ProviderErrors.forHttpStatus(503, "", retryAfter);

        assertThat(policy.delayBeforeRetry(1, limited, ALMOST_ONE)).isGreaterThanOrEqualTo(retryAfter);
    }

    @Test
    void should_give_up_when_retry_after_exceeds_max_retry_after() {
        ProviderException tooLong = ProviderErrors.forHttpStatus(429, "", Duration.ofSeconds(61));
        ProviderException atLimit = ProviderErrors.forHttpStatus(429, "", Duration.ofSeconds(60));

        assertThat(policy.delayBeforeRetry(1, tooLong, ALMOST_ONE)).isNull();
        assertThat(policy.delayBeforeRetry(1, atLimit, ZERO)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void should_not_retry_non_retriable_failure_even_with_retry_after() {
        ProviderException forbidden = ProviderErrors.forHttpStatus(403, "", Duration.ofSeconds(1));

        assertThat(policy.delayBeforeRetry(1, forbidden, ALMOST_ONE)).isNull();
    }
}
