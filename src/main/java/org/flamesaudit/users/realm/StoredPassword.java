package org.flamesaudit.users.realm;

/**
 * An account's bcrypt password as {@code app_user} stores it (V10__users.sql; written by
 * {@code users.BcryptHash}): the hash and the salt base64, the cost as the iteration count. Two values are equal
 * exactly when the stored password is the same, so a new password (a new salt and hash) is a different value.
 */
public record StoredPassword(String hash, String salt, int iterations) {
}
