package org.flamesaudit.users;

import org.flamesaudit.users.realm.BcryptVerifier;
import org.flamesaudit.users.realm.StoredPassword;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form the server's realm of database accounts reads (base64 hash and salt, cost), checked as it checks. */
class BcryptHashTest {

    @Test
    void should_store_a_salted_bcrypt_hash_that_verifies_only_the_same_password() {
        BcryptHash h = BcryptHash.of("correct horse battery".toCharArray());
        assertThat(h.cost()).isEqualTo(BcryptHash.COST);
        assertThat(Base64.getDecoder().decode(h.salt())).hasSize(16);
        assertThat(Base64.getDecoder().decode(h.hash())).hasSize(23);
        assertThat(h.hash()).doesNotContain("correct");
        assertThat(matches(h, "correct horse battery".toCharArray())).isTrue();
        assertThat(matches(h, "correct horse batterz".toCharArray())).isFalse();
        assertThat(matches(h, "".toCharArray())).isFalse();
    }

    @Test
    void should_salt_every_hash_anew() {
        BcryptHash a = BcryptHash.of("same password twice".toCharArray());
        BcryptHash b = BcryptHash.of("same password twice".toCharArray());
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(matches(b, "same password twice".toCharArray())).isTrue();
    }

    private static boolean matches(BcryptHash h, char[] password) {
        return BcryptVerifier.ELYTRON.verify(new StoredPassword(h.hash(), h.salt(), h.cost()), password);
    }
}
