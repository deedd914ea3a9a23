package org.flamesaudit.users;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** What strangers send as a user name, as the server log and the throttle see it (found by an attack). */
class LoginAttemptsTest {

    @Test
    void aNameWithALineBreakCannotForgeALogLine() {
        String forged = "ghost\n2026-11-30 15.02.00,000 ERROR [org.flamesaudit.users.UserService] FAKE";
        assertThat(LoginAttempts.printable(forged)).doesNotContain("\n").startsWith("ghost\\u000a2026-11-30");
        assertThat(LoginAttempts.printable("审计员")).isEqualTo("审计员");
        assertThat(LoginAttempts.printable("x".repeat(500))).hasSize(103).endsWith("...");
    }

    @Test
    void aHugeNameIsCountedUnderItsFirst200Characters() {
        String header = "Basic " + Base64.getEncoder().encodeToString(("m" + "e".repeat(700) + ":pw")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(LoginGuard.basicUser(header)).hasSize(200).startsWith("meee");
        assertThat(LoginGuard.basicUser("Basic " + Base64.getEncoder().encodeToString("li.na:pw:x".getBytes(
                StandardCharsets.UTF_8)))).isEqualTo("li.na");
        assertThat(LoginGuard.basicUser("Bearer x")).isNull();
    }
}
