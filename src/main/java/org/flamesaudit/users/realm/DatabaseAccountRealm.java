package org.flamesaudit.users.realm;

import org.flamesaudit.users.UsersLogger;
import org.jboss.logging.Logger;
import org.wildfly.security.auth.SupportLevel;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityRealm;
import org.wildfly.security.authz.AuthorizationIdentity;
import org.wildfly.security.authz.MapAttributes;
import org.wildfly.security.credential.Credential;
import org.wildfly.security.evidence.Evidence;
import org.wildfly.security.evidence.PasswordGuessEvidence;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.lang.invoke.MethodHandles;
import java.security.Principal;
import java.security.spec.AlgorithmParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Elytron realm of the accounts the admin manages ({@code app_user}, {@code app_user_role}: V10__users.sql),
 * installed as the server's {@code custom-realm FlamesDbRealm} from the module {@code org.flamesaudit.realm}
 * (wildfly-config/configure-security.cli). It replaces a jdbc-realm that ran one bcrypt check (about 100 ms of CPU)
 * on every request of a database account, since every API request carries its password (HTTP BASIC).
 *
 * <p>Each request still reads the account from the database (one query by primary key: the stored bcrypt password
 * of an enabled account; the roles, as the {@code groups} attribute, once it is authenticated), so a new password, a
 * disable or a delete is seen on the next request on every node. bcrypt runs only when the presented password is not
 * the one already accepted for the password now stored ({@link VerifiedPasswordCache}): once per account, password
 * change and node, and on every wrong password. A name with no enabled account costs one bcrypt check against a
 * password nobody knows, so that the answer takes as long as a wrong password's and does not tell whether the
 * account exists.
 *
 * <p>Configuration ({@code configuration={...}} of the custom-realm, all optional): {@code datasource}, the JNDI name
 * of the datasource (default {@value #DEFAULT_DATASOURCE}, looked up at the first request, since the realm starts
 * before the datasource; a failed look-up fails that request with the reason in the log and is tried again on the
 * next); {@code cache-size}, the most accounts the cache holds (default {@value #DEFAULT_CACHE_SIZE}). Thread-safe.
 * Depends on the JDK and Elytron only (and the package's logger): it runs in a server module, not in the deployment.
 */
public final class DatabaseAccountRealm implements SecurityRealm {

    private static final UsersLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), UsersLogger.class,
            DatabaseAccountRealm.class.getName());
    static final String DEFAULT_DATASOURCE = "java:jboss/datasources/FlamesDS";
    static final int DEFAULT_CACHE_SIZE = 10_000;
    private static final String ACCOUNT_QUERY =
            "SELECT password_hash, salt, iterations FROM app_user WHERE username = ? AND enabled = TRUE";
    private static final String ROLES_QUERY = "SELECT role FROM app_user_role WHERE username = ?";
    /**
     * bcrypt (cost 10, as {@code users.BcryptHash} stores) of a random password that was thrown away: checked for a
     * name without an enabled account, so that such a name costs what a wrong password costs.
     */
    static final StoredPassword NOBODY = new StoredPassword("hxMq77E3LCfPM2BEVp4/99uh+h68Gcg=",
            "c37gh+WKc8zESTluVnrmfw==", 10);
    private static final char[] NO_GUESS = "-".toCharArray();
    /**
     * At most this many checks against {@link #NOBODY} run at once. The others wait as long as the last check took,
     * without using the CPU: names without an account are not throttled per account, so a flood of random names would
     * otherwise keep every core busy with bcrypt (found by a review of this realm).
     */
    static final int NOBODY_CHECKS_AT_ONCE = 2;

    private final java.util.concurrent.Semaphore nobodyChecks =
            new java.util.concurrent.Semaphore(NOBODY_CHECKS_AT_ONCE);
    /** How long the last check against NOBODY took, in nanoseconds (a bcrypt of cost 10 until one is measured). */
    private volatile long nobodyCheckNanos = 100_000_000L;

    private final BcryptVerifier bcrypt;
    private volatile String dataSourceName = DEFAULT_DATASOURCE;
    private volatile DataSource dataSource;
    private volatile VerifiedPasswordCache cache;

    /** For the server ({@code custom-realm}): the datasource is looked up by JNDI at the first request. */
    public DatabaseAccountRealm() {
        this(null, DEFAULT_CACHE_SIZE, BcryptVerifier.ELYTRON);
    }

    /** For the tests: a datasource of their own, a small cache, a bcrypt that counts its checks. */
    DatabaseAccountRealm(DataSource dataSource, int cacheSize, BcryptVerifier bcrypt) {
        this.dataSource = dataSource;
        this.cache = new VerifiedPasswordCache(cacheSize);
        this.bcrypt = bcrypt;
    }

    /** Called by the server with the custom-realm's {@code configuration} (only when it has entries). */
    public void initialize(Map<String, String> configuration) {
        for (Map.Entry<String, String> e : configuration.entrySet()) {
            switch (e.getKey()) {
                case "datasource" -> dataSourceName = e.getValue();
                case "cache-size" -> cache = new VerifiedPasswordCache(cacheSize(e.getValue()));
                default -> throw new IllegalArgumentException(getClass().getName() + ": unknown configuration "
                        + e.getKey() + "; known: datasource (a JNDI name), cache-size (a number of accounts)");
            }
        }
    }

    private static int cacheSize(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cache-size must be a number of accounts, not " + value, e);
        }
    }

    @Override
    public RealmIdentity getRealmIdentity(Principal principal) {
        return principal instanceof NamePrincipal ? new Account(principal.getName()) : RealmIdentity.NON_EXISTENT;
    }

    @Override
    public SupportLevel getCredentialAcquireSupport(Class<? extends Credential> credentialType, String algorithmName,
                                                    AlgorithmParameterSpec parameterSpec) {
        return SupportLevel.UNSUPPORTED; // only verifies; the stored hash never leaves the realm
    }

    @Override
    public SupportLevel getEvidenceVerifySupport(Class<? extends Evidence> evidenceType, String algorithmName) {
        return PasswordGuessEvidence.class.isAssignableFrom(evidenceType) ? SupportLevel.POSSIBLY_SUPPORTED
                : SupportLevel.UNSUPPORTED;
    }

    /** How many accounts the verification cache holds now (for the tests). */
    int cachedAccounts() {
        return cache.size();
    }

    /** One request's view of one account: its row is read once, when first needed. Not shared between threads. */
    private final class Account implements RealmIdentity {

        private final String name;
        private boolean read;
        private StoredPassword stored;
        private boolean nobodyChecked;

        Account(String name) {
            this.name = name;
        }

        private StoredPassword stored() throws RealmUnavailableException {
            if (!read) {
                stored = readAccount(name);
                read = true;
                if (stored == null) {
                    cache.forget(name);
                }
            }
            return stored;
        }

        /**
         * One bcrypt check against {@link #NOBODY} per request for a name without an enabled account: here and not
         * only in {@link #verifyEvidence}, because the distributed realm in front of this one asks only whether the
         * account exists and never hands it the password of one that does not.
         */
        private void checkNobody(char[] guess) {
            if (!nobodyChecked) {
                nobodyChecked = true;
                checkAgainstNobody(guess);
            }
        }

        @Override
        public Principal getRealmIdentityPrincipal() {
            return new NamePrincipal(name);
        }

        @Override
        public boolean exists() throws RealmUnavailableException {
            if (stored() == null) {
                checkNobody(NO_GUESS);
                return false;
            }
            return true;
        }

        @Override
        public boolean verifyEvidence(Evidence evidence) throws RealmUnavailableException {
            if (!(evidence instanceof PasswordGuessEvidence password)) {
                return false;
            }
            char[] guess = password.getGuess();
            StoredPassword s = stored();
            if (s == null) {
                checkNobody(guess);
                return false;
            }
            if (cache.matches(name, s, guess)) {
                return true;
            }
            boolean accepted = bcrypt.verify(s, guess);
            if (accepted) {
                cache.remember(name, s, guess);
            }
            return accepted;
        }

        @Override
        public AuthorizationIdentity getAuthorizationIdentity() throws RealmUnavailableException {
            if (stored() == null) {
                return AuthorizationIdentity.EMPTY;
            }
            return AuthorizationIdentity.basicIdentity(new MapAttributes(Map.of("groups", readRoles(name))));
        }

        @Override
        public SupportLevel getCredentialAcquireSupport(Class<? extends Credential> credentialType,
                                                        String algorithmName, AlgorithmParameterSpec parameterSpec) {
            return SupportLevel.UNSUPPORTED;
        }

        @Override
        public <C extends Credential> C getCredential(Class<C> credentialType) {
            return null;
        }

        @Override
        public SupportLevel getEvidenceVerifySupport(Class<? extends Evidence> evidenceType, String algorithmName) {
            return PasswordGuessEvidence.class.isAssignableFrom(evidenceType) ? SupportLevel.SUPPORTED
                    : SupportLevel.UNSUPPORTED;
        }
    }

    /**
     * One bcrypt check against {@link #NOBODY} when fewer than {@link #NOBODY_CHECKS_AT_ONCE} run; otherwise a wait
     * as long as the last one took, so the answer takes as long either way.
     */
    void checkAgainstNobody(char[] guess) {
        if (nobodyChecks.tryAcquire()) {
            try {
                long start = System.nanoTime();
                bcrypt.verify(NOBODY, guess);
                nobodyCheckNanos = System.nanoTime() - start;
            } finally {
                nobodyChecks.release();
            }
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(nobodyCheckNanos);
        }
    }

    private StoredPassword readAccount(String name) throws RealmUnavailableException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(ACCOUNT_QUERY)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new StoredPassword(r.getString(1), r.getString(2), r.getInt(3)) : null;
            }
        } catch (SQLException e) {
            throw new RealmUnavailableException("cannot read database account " + name + ": " + e.getMessage(), e);
        }
    }

    private List<String> readRoles(String name) throws RealmUnavailableException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(ROLES_QUERY)) {
            s.setString(1, name);
            List<String> roles = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    roles.add(r.getString(1));
                }
            }
            return roles;
        } catch (SQLException e) {
            throw new RealmUnavailableException("cannot read the roles of database account " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private DataSource dataSource() throws RealmUnavailableException {
        DataSource ds = dataSource;
        if (ds != null) {
            return ds;
        }
        synchronized (this) {
            if (dataSource == null) {
                String jndi = dataSourceName;
                try {
                    Object found = new InitialContext().lookup(jndi);
                    if (!(found instanceof DataSource d)) {
                        throw new NamingException(jndi + " is a " + (found == null ? "null" : found.getClass().getName())
                                + ", not a javax.sql.DataSource");
                    }
                    dataSource = d;
                } catch (NamingException e) {
                    String why = getClass().getName() + " (custom-realm FlamesDbRealm) cannot get the datasource "
                            + jndi + " from JNDI (set another with configuration={datasource=...}): " + e;
                    LOG.databaseRealmUnavailable(why);
                    throw new RealmUnavailableException(why, e);
                }
                LOG.databaseRealmReady(jndi, cache.maxEntries());
            }
            return dataSource;
        }
    }
}
