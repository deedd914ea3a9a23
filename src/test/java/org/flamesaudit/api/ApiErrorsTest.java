package org.flamesaudit.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The error body's rules without a JAX-RS runtime; BadInputIT checks the answers of the running server. */
class ApiErrorsTest {

    @Test
    void theParameterAConversionFailedOnIsNamed() {
        assertThat(ApiErrors.unconvertibleParameter("RESTEASY003870: Unable to extract parameter from http request: "
                + "jakarta.ws.rs.QueryParam(\"size\") value is 'abc'")).contains("size");
        assertThat(ApiErrors.unconvertibleParameter("RESTEASY003870: Unable to extract parameter from http request: "
                + "jakarta.ws.rs.PathParam(\"id\") value is 'x'")).contains("id");
        assertThat(ApiErrors.unconvertibleParameter("RESTEASY003210: Could not find resource for full path: "
                + "http://x/api/nothing")).isEmpty();
        assertThat(ApiErrors.unconvertibleParameter(null)).isEmpty();
    }

    @Test
    void anUnexpectedErrorNamesAnIncidentAndNoInternals() {
        String message = ApiErrors.internal(new IllegalStateException("connection pool of "
                + "java:jboss/datasources/FlamesDS exhausted at org.hibernate.Something"));
        assertThat(message).matches("internal error \\(incident [0-9a-f]{8}\\): the server log has the details");
    }

    @Test
    void aLongMessageIsCutSoNoAnswerEchoesALargeRequest() {
        ApiErrors.ErrorBody body = ApiErrors.body("invalid", "name: " + "x".repeat(100_000), "name");
        assertThat(body.error()).hasSize(ApiErrors.MAX_MESSAGE + 3).startsWith("name: xxx").endsWith("...");
        assertThat(body.code()).isEqualTo("invalid");
        assertThat(body.field()).isEqualTo("name");
        assertThat(ApiErrors.body("not_found", "run 9 does not exist", null).field()).isNull();
    }
}
