package org.flamesaudit.users.realm;

import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.IteratedSaltedHashPasswordSpec;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

/**
 * One bcrypt check of a presented password against a stored one: the cost the realm's cache saves. An interface so
 * that the tests count the checks instead of timing them.
 */
@FunctionalInterface
public interface BcryptVerifier {

    boolean verify(StoredPassword stored, char[] guess);

    /**
     * Elytron's own bcrypt, read as the jdbc-realm's bcrypt-mapper read it before this realm (hash and salt base64,
     * cost as the iteration count): what {@code users.BcryptHash} made verifies here exactly.
     */
    BcryptVerifier ELYTRON = (stored, guess) -> {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    WildFlyElytronPasswordProvider.getInstance());
            Base64.Decoder b64 = Base64.getDecoder();
            BCryptPassword password = (BCryptPassword) factory.generatePassword(new IteratedSaltedHashPasswordSpec(
                    b64.decode(stored.hash()), b64.decode(stored.salt()), stored.iterations()));
            return factory.verify(password, guess);
        } catch (InvalidKeySpecException | InvalidKeyException | IllegalArgumentException e) {
            return false; // a row that is not a bcrypt password (or not base64) verifies nothing
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bcrypt is not available from Elytron: " + e.getMessage(), e);
        }
    };
}
