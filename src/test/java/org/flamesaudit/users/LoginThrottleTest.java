package org.flamesaudit.users;

import org.flamesaudit.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(300), clock);

    @Test
    void fiveWrongPasswordsCostNothingThenTheWaitDoublesUpToTheLongest() {
        for (int i = 1; i <= 5; i++) {
            assertThat(throttle.failed("alice", "10.0.0.9").blockedAt(clock.instant())).as("failure " + i).isFalse();
            assertThat(throttle.waitBefore("alice", "10.0.0.9")).isZero();
        }
        long[] waits = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
        for (long expected : waits) {
            LoginThrottle.Entry e = throttle.failed("alice", "10.0.0.9");
            assertThat(Duration.between(clock.instant(), e.blockedUntil())).isEqualTo(Duration.ofSeconds(expected));
            assertThat(throttle.waitBefore("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(expected));
            clock.advance(Duration.ofSeconds(expected));
            assertThat(throttle.waitBefore("alice", "10.0.0.9")).isZero();
        }
        assertThat(throttle.backoff(1000)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aStrangersGuessesNeitherSlowTheOwnerElsewhereNorOtherAccounts() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("alice", "203.0.113.7");
        }
        assertThat(throttle.waitBefore("alice", "203.0.113.7")).isPositive();
        assertThat(throttle.waitBefore("alice", "10.0.0.9")).isZero();
        assertThat(throttle.waitBefore("bob", "203.0.113.7")).isZero();
        assertThat(throttle.of("alice")).extracting(LoginThrottle.Entry::address, LoginThrottle.Entry::failures)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.7", 12));
    }

    @Test
    void aRightPasswordAnUnlockOrAnHourOfQuietStartTheCountAgain() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("alice", "10.0.0.9");
        }
        throttle.succeeded("alice", "10.0.0.9");
        assertThat(throttle.waitBefore("alice", "10.0.0.9")).isZero();
        assertThat(throttle.failed("alice", "10.0.0.9").failures()).isEqualTo(1);

        for (int i = 0; i < 7; i++) {
            throttle.failed("alice", "10.0.0.9");
            throttle.failed("alice", "10.0.0.10");
        }
        assertThat(throttle.unlock("alice")).extracting(LoginThrottle.Entry::failures).containsExactlyInAnyOrder(8, 7);
        assertThat(throttle.waitBefore("alice", "10.0.0.9")).isZero();
        assertThat(throttle.waitBefore("alice", "10.0.0.10")).isZero();
        assertThat(throttle.of("alice")).isEmpty();

        for (int i = 0; i < 7; i++) {
            throttle.failed("alice", "10.0.0.9");
        }
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        assertThat(throttle.of("alice")).isEmpty();
        assertThat(throttle.failed("alice", "10.0.0.9").failures()).isEqualTo(1);
    }
}
