package org.flamesaudit.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per account <em>and</em> client address, with exponential back-off (OWASP
 * Authentication Cheat Sheet, "Login Throttling"; NIST SP 800-63B section 5.2.2, "Rate Limiting"), instead of locking
 * the account: a stranger guessing from one address slows down only their own attempts, and the account's owner
 * logs in from anywhere else as usual.
 * <p>
 * For each (account, address): the first {@code freeAttempts} wrong passwords cost nothing; each further one makes
 * the next attempt from there wait 1 s, then 2 s, 4 s ... up to {@code maxBackoff}. While it waits every attempt from
 * that address for that account is refused before the password is checked (HTTP 429 with {@code Retry-After}), the
 * right password included, so that a refusal tells nothing about the password. A right password resets the count; so
 * does an admin's unlock, and an hour without a wrong password. In memory, per node: a restart forgets it, and on a
 * cluster each node counts its own attempts. Thread-safe.
 */
public final class LoginThrottle {

    /** How long a count is kept after its last wrong password. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    /** The most (account, address) pairs remembered; beyond it the oldest are forgotten first. */
    static final int MAX_ENTRIES = 20_000;

    private final int freeAttempts;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param freeAttempts wrong passwords without a wait, at least 1
     * @param maxBackoff   the longest wait, at least 1 s
     */
    public LoginThrottle(int freeAttempts, Duration maxBackoff, Clock clock) {
        if (freeAttempts < 1 || maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("free attempts must be at least 1 and the longest wait at least 1 s");
        }
        this.freeAttempts = freeAttempts;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    /** How long an attempt for {@code account} from {@code address} must still wait; zero when it may go ahead. */
    public Duration waitBefore(String account, String address) {
        Entry e = entries.get(new Key(account, address));
        if (e == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), e.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Counts a wrong password and returns the entry as it now stands: its {@link Entry#blockedUntil()} is in the
     * future when this failure started (or lengthened) a wait.
     */
    public Entry failed(String account, String address) {
        Instant now = clock.instant();
        Entry updated = entries.compute(new Key(account, address), (k, e) -> {
            int failures = e == null || Duration.between(e.lastFailure(), now).compareTo(FORGET_AFTER) > 0
                    ? 1 : e.failures() + 1;
            return new Entry(account, address, failures, now, now.plus(backoff(failures)));
        });
        if (entries.size() > MAX_ENTRIES) {
            forgetOldest(now);
        }
        return updated;
    }

    /** A right password: the count of this account from this address starts again. */
    public void succeeded(String account, String address) {
        entries.remove(new Key(account, address));
    }

    /** An admin's unlock: forgets the account's counts from every address; returns the entries it removed. */
    public List<Entry> unlock(String account) {
        List<Entry> removed = new ArrayList<>();
        entries.entrySet().removeIf(e -> {
            if (e.getKey().account().equals(account)) {
                removed.add(e.getValue());
                return true;
            }
            return false;
        });
        return removed;
    }

    /** The account's counts on this node, by address, the most recent failure first. */
    public List<Entry> of(String account) {
        Instant now = clock.instant();
        return entries.values().stream().filter(e -> e.account().equals(account))
                .filter(e -> Duration.between(e.lastFailure(), now).compareTo(FORGET_AFTER) <= 0)
                .sorted(Comparator.comparing(Entry::lastFailure).reversed()).toList();
    }

    /** The wait after the {@code failures}-th wrong password in a row: none, then 1 s, 2 s, 4 s ... maxBackoff. */
    Duration backoff(int failures) {
        int beyond = failures - freeAttempts;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        long seconds = beyond > 40 ? Long.MAX_VALUE : 1L << (beyond - 1);
        return seconds >= maxBackoff.toSeconds() ? maxBackoff : Duration.ofSeconds(seconds);
    }

    private void forgetOldest(Instant now) {
        entries.values().removeIf(e -> Duration.between(e.lastFailure(), now).compareTo(FORGET_AFTER) > 0);
        if (entries.size() > MAX_ENTRIES) {
            entries.values().stream().sorted(Comparator.comparing(Entry::lastFailure))
                    .limit(entries.size() - MAX_ENTRIES * 9L / 10).toList()
                    .forEach(e -> entries.remove(new Key(e.account(), e.address())));
        }
    }

    private record Key(String account, String address) {
    }

    /**
     * Wrong passwords in a row for one account from one address.
     *
     * @param failures     how many, since the last right password (or unlock, or an hour of quiet)
     * @param lastFailure  when the latest was counted
     * @param blockedUntil before this instant attempts from the address for the account are refused
     */
    public record Entry(String account, String address, int failures, Instant lastFailure, Instant blockedUntil) {

        /** Whether attempts are being refused at {@code now}. */
        public boolean blockedAt(Instant now) {
            return blockedUntil.isAfter(now);
        }
    }
}
