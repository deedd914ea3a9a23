package org.flamesaudit.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedCredentialsTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not base64          | !!!not-base64!!!   | false
            no colon            | dXNlcm5hbWU=       | false
            empty               | '   '              | false
            unpadded            | YXVkaXRvcjphdWRpdG9yLWRlbW8 | false
            """)
    void malformedCredentialsAreRefused(String what, String token, boolean ok) {
        assertThat(MalformedCredentials.wellFormed(token)).as(what).isEqualTo(ok);
    }

    @org.junit.jupiter.api.Test
    void wellFormedCredentialsPassRightOrWrong() {
        assertThat(MalformedCredentials.wellFormed(b64("auditor:auditor-demo"))).isTrue();
        assertThat(MalformedCredentials.wellFormed(b64("auditor:wrong"))).isTrue();
        assertThat(MalformedCredentials.wellFormed(b64("审计员:密码:with:colons"))).isTrue();
        assertThat(MalformedCredentials.wellFormed(b64(":"))).isTrue();
        assertThat(MalformedCredentials.wellFormed("YXVkaXRvcjrp")).as("auditor: and a Latin-1 byte").isTrue();
    }

    /** Found by an attack: a Bearer header before the Basic one got past the throttle, which read only the first. */
    @org.junit.jupiter.api.Test
    void onlyOneAuthorizationHeaderOfAReasonableLengthIsAccepted() {
        String basic = "Basic " + b64("auditor:wrong");
        assertThat(MalformedCredentials.acceptable(java.util.List.of(basic))).isTrue();
        assertThat(MalformedCredentials.acceptable(java.util.List.of("Bearer x"))).isTrue();
        assertThat(MalformedCredentials.acceptable(java.util.List.of("Bearer x", basic))).isFalse();
        assertThat(MalformedCredentials.acceptable(java.util.List.of(basic, basic))).isFalse();
        assertThat(MalformedCredentials.acceptable(java.util.List.of("Basic " + b64("m" + "e".repeat(2000) + ":pw"))))
                .isFalse();
    }
}
