package org.flamesaudit.users.realm;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.QueryTestDatabase;
import org.flamesaudit.users.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.evidence.PasswordGuessEvidence;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.IteratedSaltedHashPasswordSpec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database accounts' realm (issue 20, item 7) on H2 migrated by the application's Flyway scripts, with the
 * accounts written by {@link UserService} as the admin's requests write them, and a bcrypt that counts its checks.
 * Each {@code getRealmIdentity} stands for one request, as the server makes one per request.
 */
class DatabaseAccountRealmTest {

    private static final String RIGHT = "right password of li.na";
    private static final String WRONG = "wrong password of li.na";

    private final QueryTestDatabase db = new QueryTestDatabase();
    /** The stored passwords bcrypt was run against, in order. */
    private final List<StoredPassword> checks = new ArrayList<>();
    private final BcryptVerifier counting = (stored, guess) -> {
        synchronized (checks) {
            checks.add(stored);
        }
        return BcryptVerifier.ELYTRON.verify(stored, guess);
    };

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_run_bcrypt_for_the_first_request_only_and_for_every_wrong_password() throws Exception {
        save("li.na", Json.createObjectBuilder().add("password", RIGHT).add("roles", roles("auditor")).build());
        DatabaseAccountRealm realm = realm(10);

        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(checks).hasSize(1);
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(checks).as("the same password again costs no bcrypt").hasSize(1);

        assertThat(request(realm, "li.na", WRONG)).isFalse();
        assertThat(request(realm, "li.na", RIGHT.substring(1))).isFalse();
        assertThat(request(realm, "li.na", "")).isFalse();
        assertThat(checks).as("each wrong password is checked by bcrypt").hasSize(4);
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(checks).as("a wrong password does not evict the right one").hasSize(4);
        assertThat(realm.cachedAccounts()).isEqualTo(1);
    }

    @Test
    void should_give_the_accounts_roles_as_its_groups_attribute() throws Exception {
        save("li.na", Json.createObjectBuilder().add("password", RIGHT).add("roles", roles("auditor", "reviewer"))
                .build());
        RealmIdentity identity = realm(10).getRealmIdentity(new NamePrincipal("li.na"));
        assertThat(identity.exists()).isTrue();
        assertThat(identity.verifyEvidence(new PasswordGuessEvidence(RIGHT.toCharArray()))).isTrue();
        Attributes attributes = identity.getAuthorizationIdentity().getAttributes();
        assertThat(attributes.get("groups")).containsExactlyInAnyOrder("auditor", "reviewer");
        assertThat(attributes.size()).isEqualTo(1);
        assertThat(identity.getRealmIdentityPrincipal().getName()).isEqualTo("li.na");
    }

    @Test
    void should_see_a_new_password_on_the_next_request() throws Exception {
        save("li.na", Json.createObjectBuilder().add("password", RIGHT).add("roles", roles("auditor")).build());
        DatabaseAccountRealm realm = realm(10);
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(checks).hasSize(1);

        String next = "the next password of li.na";
        save("li.na", Json.createObjectBuilder().add("password", next).build());
        assertThat(request(realm, "li.na", RIGHT)).as("the old password, cached before").isFalse();
        assertThat(checks).hasSize(2);
        assertThat(request(realm, "li.na", next)).isTrue();
        assertThat(request(realm, "li.na", next)).isTrue();
        assertThat(checks).hasSize(3);
        assertThat(checks.get(2)).isNotEqualTo(checks.get(0));
    }

    @Test
    void should_see_a_disable_and_a_delete_on_the_next_request() throws Exception {
        save("li.na", Json.createObjectBuilder().add("password", RIGHT).add("roles", roles("regulator")).build());
        DatabaseAccountRealm realm = realm(10);
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(realm.cachedAccounts()).isEqualTo(1);

        save("li.na", Json.createObjectBuilder().add("enabled", false).build());
        RealmIdentity disabled = realm.getRealmIdentity(new NamePrincipal("li.na"));
        assertThat(disabled.exists()).isFalse();
        assertThat(disabled.verifyEvidence(new PasswordGuessEvidence(RIGHT.toCharArray()))).isFalse();
        assertThat(disabled.getAuthorizationIdentity().getAttributes().isEmpty()).isTrue();
        assertThat(realm.cachedAccounts()).as("what was accepted for a disabled account is dropped").isZero();

        save("li.na", Json.createObjectBuilder().add("enabled", true).build());
        int before = checks.size();
        assertThat(request(realm, "li.na", RIGHT)).isTrue();
        assertThat(checks).as("enabled again: checked by bcrypt anew").hasSize(before + 1);
        assertThat(realm.getRealmIdentity(new NamePrincipal("li.na")).getAuthorizationIdentity().getAttributes()
                .get("groups")).containsExactly("regulator");

        db.inTransaction(em -> {
            QueryTestDatabase.wire(new UserService(), em).delete("li.na", "admin2");
            return null;
        });
        assertThat(realm.getRealmIdentity(new NamePrincipal("li.na")).exists()).isFalse();
        assertThat(request(realm, "li.na", RIGHT)).isFalse();
        assertThat(realm.cachedAccounts()).isZero();
    }

    /** A name without an enabled account costs one bcrypt check, as a wrong password does (the attack: 0.14 s vs 0.007 s). */
    @Test
    void should_check_a_password_nobody_knows_for_a_name_without_an_account() throws Exception {
        save("li.na", Json.createObjectBuilder().add("password", RIGHT).add("roles", roles("auditor")).build());
        DatabaseAccountRealm realm = realm(10);

        // as the distributed realm asks: exists() only, never the password of an account it did not find
        RealmIdentity ghost = realm.getRealmIdentity(new NamePrincipal("ghost"));
        assertThat(ghost.exists()).isFalse();
        assertThat(checks).containsExactly(DatabaseAccountRealm.NOBODY);
        // asked directly: still one check per request
        assertThat(ghost.verifyEvidence(new PasswordGuessEvidence(RIGHT.toCharArray()))).isFalse();
        assertThat(checks).hasSize(1);
        RealmIdentity other = realm.getRealmIdentity(new NamePrincipal("ghost2"));
        assertThat(other.verifyEvidence(new PasswordGuessEvidence(RIGHT.toCharArray()))).isFalse();
        assertThat(other.exists()).isFalse();
        assertThat(checks).containsExactly(DatabaseAccountRealm.NOBODY, DatabaseAccountRealm.NOBODY);

        assertThat(request(realm, "li.na", WRONG)).isFalse();
        StoredPassword real = checks.get(2);
        assertThat(DatabaseAccountRealm.NOBODY.iterations()).as("the same cost as a real account's")
                .isEqualTo(real.iterations());
        PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                WildFlyElytronPasswordProvider.getInstance());
        Base64.Decoder b64 = Base64.getDecoder();
        BCryptPassword nobody = (BCryptPassword) factory.generatePassword(new IteratedSaltedHashPasswordSpec(
                b64.decode(DatabaseAccountRealm.NOBODY.hash()), b64.decode(DatabaseAccountRealm.NOBODY.salt()),
                DatabaseAccountRealm.NOBODY.iterations()));
        assertThat(nobody.getHash()).hasSameSizeAs(b64.decode(real.hash()));
        assertThat(nobody.getSalt()).hasSameSizeAs(b64.decode(real.salt()));
        assertThat(realm.cachedAccounts()).isZero();
    }

    @Test
    void should_hold_at_most_its_size_in_accounts_the_least_recently_used_leaving_first() throws Exception {
        for (String name : List.of("aa", "bb", "cc")) {
            save(name, Json.createObjectBuilder().add("password", "password of " + name).add("roles", roles("auditor"))
                    .build());
        }
        DatabaseAccountRealm realm = realm(2);
        assertThat(request(realm, "aa", "password of aa")).isTrue();
        assertThat(request(realm, "bb", "password of bb")).isTrue();
        assertThat(request(realm, "aa", "password of aa")).isTrue(); // aa used last: bb is the eldest
        assertThat(request(realm, "cc", "password of cc")).isTrue();
        assertThat(checks).hasSize(3);
        assertThat(realm.cachedAccounts()).isEqualTo(2);

        assertThat(request(realm, "aa", "password of aa")).isTrue();
        assertThat(request(realm, "cc", "password of cc")).isTrue();
        assertThat(checks).as("aa and cc are still cached").hasSize(3);
        assertThat(request(realm, "bb", "password of bb")).isTrue();
        assertThat(checks).as("bb was evicted").hasSize(4);
        assertThat(realm.cachedAccounts()).isEqualTo(2);
    }

    @Test
    void should_run_at_most_two_checks_for_names_without_an_account_at_once_and_make_the_others_wait() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BcryptVerifier slow = (stored, guess) -> {
            calls.incrementAndGet();
            running.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return false;
        };
        DatabaseAccountRealm realm = new DatabaseAccountRealm(db.dataSource(), 10, slow);
        List<Thread> flood = new ArrayList<>();
        for (int i = 0; i < DatabaseAccountRealm.NOBODY_CHECKS_AT_ONCE; i++) {
            Thread t = new Thread(() -> realm.checkAgainstNobody("x".toCharArray()));
            t.start();
            flood.add(t);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (running.get() < DatabaseAccountRealm.NOBODY_CHECKS_AT_ONCE && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(running.get()).isEqualTo(DatabaseAccountRealm.NOBODY_CHECKS_AT_ONCE);

        // a third unknown name while two checks run: no bcrypt, a wait instead, and still "does not exist"
        long start = System.nanoTime();
        assertThat(request(realm, "nobody.here", "guess")).isFalse();
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(calls.get()).isEqualTo(DatabaseAccountRealm.NOBODY_CHECKS_AT_ONCE);
        assertThat(waitedMs).as("waited about one bcrypt (100 ms until one is measured)").isGreaterThanOrEqualTo(90);

        release.countDown();
        for (Thread t : flood) {
            t.join(5_000);
        }
        assertThat(request(realm, "nobody.there", "guess")).isFalse();
        assertThat(calls.get()).as("with the checks done, the next name gets its own").isEqualTo(
                DatabaseAccountRealm.NOBODY_CHECKS_AT_ONCE + 1);
    }

    @Test
    void should_fail_loudly_when_the_datasource_cannot_be_found() {
        DatabaseAccountRealm realm = new DatabaseAccountRealm();
        realm.initialize(Map.of("datasource", "java:jboss/datasources/Nowhere", "cache-size", "5"));
        RealmIdentity identity = realm.getRealmIdentity(new NamePrincipal("li.na"));
        assertThatThrownBy(identity::exists).isInstanceOf(RealmUnavailableException.class)
                .hasMessageContaining("cannot get the datasource java:jboss/datasources/Nowhere from JNDI");
    }

    @Test
    void should_refuse_a_configuration_it_does_not_know() {
        DatabaseAccountRealm realm = new DatabaseAccountRealm();
        assertThatThrownBy(() -> realm.initialize(Map.of("cache-sise", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown configuration cache-sise; known: datasource (a JNDI name), cache-size");
        assertThatThrownBy(() -> realm.initialize(Map.of("cache-size", "0")))
                .hasMessageContaining("at least one account, not 0");
        assertThatThrownBy(() -> realm.initialize(Map.of("cache-size", "many")))
                .hasMessageContaining("cache-size must be a number of accounts, not many");
    }

    private DatabaseAccountRealm realm(int cacheSize) {
        return new DatabaseAccountRealm(db.dataSource(), cacheSize, counting);
    }

    /** One request as the server makes it: a fresh identity, asked whether it exists, then given the password. */
    private static boolean request(DatabaseAccountRealm realm, String name, String password) throws Exception {
        RealmIdentity identity = realm.getRealmIdentity(new NamePrincipal(name));
        try {
            return identity.exists() && identity.verifyEvidence(new PasswordGuessEvidence(password.toCharArray()));
        } finally {
            identity.dispose();
        }
    }

    private void save(String name, JsonObject body) {
        db.inTransaction(em -> QueryTestDatabase.wire(new UserService(), em).save(name, body, "admin2"));
    }

    private static jakarta.json.JsonArray roles(String... roles) {
        jakarta.json.JsonArrayBuilder b = Json.createArrayBuilder();
        for (String r : roles) {
            b.add(r);
        }
        return b.build();
    }
}
