package org.flamesaudit.users.realm;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The passwords bcrypt has already accepted, so that an account's next request with the same password costs an
 * HMAC instead of a bcrypt check. Per account name it keeps the stored password that was checked and the
 * HMAC-SHA256 of the accepted password under a key drawn at random when the cache is made (never written anywhere:
 * a restart forgets every entry); never the password itself. An entry counts only while the account's stored
 * password is still the one it was checked against, so a new password, a disabled or a deleted account is seen on
 * the next request without any message between nodes. At most {@code maxEntries} accounts, the least recently used
 * leaving first. Thread-safe (one lock around a small map; the HMAC is computed outside it).
 */
final class VerifiedPasswordCache {

    private record Entry(StoredPassword stored, byte[] mac) {
    }

    private final SecretKeySpec key;
    private final int maxEntries;
    private final Map<String, Entry> entries;

    VerifiedPasswordCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the verification cache needs room for at least one account, not "
                    + maxEntries);
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        Arrays.fill(k, (byte) 0);
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedPasswordCache.this.maxEntries;
            }
        };
    }

    /** Whether {@code guess} is the password bcrypt accepted for {@code account} while it was stored as {@code stored}. */
    boolean matches(String account, StoredPassword stored, char[] guess) {
        Entry e;
        synchronized (entries) {
            e = entries.get(account);
            if (e != null && !e.stored().equals(stored)) {
                entries.remove(account); // the password changed: what was accepted before counts no more
                e = null;
            }
        }
        return e != null && MessageDigest.isEqual(e.mac(), mac(guess));
    }

    /** Records that bcrypt accepted {@code guess} for {@code account} stored as {@code stored}. */
    void remember(String account, StoredPassword stored, char[] guess) {
        Entry e = new Entry(stored, mac(guess));
        synchronized (entries) {
            entries.put(account, e);
        }
    }

    /** Drops what was accepted for an account that no longer exists (deleted or disabled). */
    void forget(String account) {
        synchronized (entries) {
            entries.remove(account);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    int maxEntries() {
        return maxEntries;
    }

    private byte[] mac(char[] guess) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(guess));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        Arrays.fill(utf8.array(), (byte) 0);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
