package org.flamesaudit.users;

import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bcrypt password as the server's realm of database accounts reads it (hash and salt base64, cost:
 * {@code users.realm.StoredPassword}), made with Elytron's own password factory so that the realm's check
 * ({@code users.realm.BcryptVerifier}) verifies exactly what was stored.
 */
record BcryptHash(String hash, String salt, int cost) {

    /** 2^10 rounds: about 50-100 ms per check on one core, paid at each login of a database account. */
    static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    static BcryptHash of(char[] password) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    WildFlyElytronPasswordProvider.getInstance());
            BCryptPassword p = (BCryptPassword) factory.generatePassword(new EncryptablePasswordSpec(password,
                    new IteratedSaltedPasswordAlgorithmSpec(COST, salt)));
            Base64.Encoder b64 = Base64.getEncoder();
            return new BcryptHash(b64.encodeToString(p.getHash()), b64.encodeToString(p.getSalt()),
                    p.getIterationCount());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available from Elytron: " + e.getMessage(), e);
        }
    }
}
