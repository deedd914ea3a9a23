package org.flamesaudit.generation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider-error table, row by row: status and body -> kind, retriable, halts the run, what to fix. */
class ProviderErrorsTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"error":{"message":"Unrecognized request argument supplied: temperature"}}       | BAD_REQUEST       | false | true  | Check the run's settings
            400 | {"error":{"code":"content_filter","message":"The response was filtered"}}        | PROMPT_REJECTED   | false | false |
            400 | This model's maximum context length is 8192 tokens                               | PROMPT_REJECTED   | false | false |
            400 | prompt is too long: 210000 tokens > 200000 maximum                               | PROMPT_REJECTED   | false | false |
            401 | {"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}      | AUTHENTICATION    | false | true  | Check the API key the run names
            402 | {"error":{"message":"Insufficient Balance"}}                                     | PAYMENT_REQUIRED  | false | true  | Add credit to the provider account
            403 | {"error":{"type":"permission_error"}}                                            | PERMISSION_DENIED | false | true  | Check the API key the run names
            404 | {"error":{"message":"The model `gpt-9` does not exist"}}                         | NOT_FOUND         | false | true  | Check the base URL and the model name
            408 | request timeout                                                                  | OTHER             | true  | false |
            409 | conflict                                                                         | OTHER             | true  | false |
            422 | {"detail":"invalid"}                                                             | OTHER             | false | false |
            425 | too early                                                                        | OTHER             | true  | false |
            429 | Rate limit reached for requests per min                                          | RATE_LIMITED      | true  | false |
            429 | Quota exceeded for quota metric 'requests per minute'                            | RATE_LIMITED      | true  | false |
            429 | {"error":{"type":"insufficient_quota","message":"You exceeded your current quota"}} | SPEND_LIMIT    | true  | true  | The account's quota or spend limit is reached
            429 | Your credit balance is too low to access the Anthropic API                       | SPEND_LIMIT       | true  | true  | The account's quota or spend limit is reached
            500 | internal error                                                                   | SERVER_ERROR      | true  | false |
            503 | {"error":{"message":"overloaded"}}                                               | SERVER_ERROR      | true  | false |
            529 | {"type":"error","error":{"type":"overloaded_error"}}                             | SERVER_ERROR      | true  | false |
            """)
    void eachRowOfTheTable(int status, String body, ProviderErrors.Kind kind, boolean retriable, boolean halts,
                           String fix) {
        ProviderException e = ProviderErrors.forHttpStatus(status, body, null);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.isRetriable()).as("retriable").isEqualTo(retriable);
        assertThat(e.haltsRun()).as("halts the run").isEqualTo(halts);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).startsWith("HTTP " + status + " ");
        if (halts) {
            assertThat(e.whatToFix()).startsWith(fix);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a key in the body      | {"error":"bad key sk-proj-AbCdEf123456"}  | {"error":"bad key [REDACTED]"}
            a bearer token echoed  | Authorization: Bearer abcdef0123456789     | Authorization: [REDACTED]
            """)
    void keysInTheBodyAreMasked(String what, String body, String shown) {
        assertThat(ProviderErrors.forHttpStatus(401, body, null).getMessage()).endsWith(": " + shown);
    }

    @org.junit.jupiter.api.Test
    void failuresOtherThanHttpErrorsNeverHaltTheRunAlone() {
        ProviderException io = new ProviderException("I/O error", true, null, null, null);
        assertThat(io.kind()).isNull();
        assertThat(io.haltsRun()).isFalse();
        assertThat(io.signalsOutage()).isTrue();
        assertThat(io.whatToFix()).isEmpty();
        ProviderException invalid200 = new ProviderException("response is not a JSON object", true, 200, null, null);
        assertThat(invalid200.haltsRun()).isFalse();
        assertThat(invalid200.signalsOutage()).as("a 200 that is not an answer counts like a 5xx").isTrue();
        assertThat(ProviderErrors.forHttpStatus(429, "slow down", null).signalsOutage()).isFalse();
        assertThat(ProviderErrors.forHttpStatus(429, "", Duration.ofSeconds(3)).retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
    }
}
