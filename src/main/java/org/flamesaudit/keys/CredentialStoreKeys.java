package org.flamesaudit.keys;

import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.ConfigurationException;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Provider API keys in a WildFly Elytron credential store ({@code KeyStoreCredentialStore}, the format of
 * {@code bin/elytron-tool.sh credential-store} and of the Elytron subsystem's {@code credential-store} resource).
 * Runs name a key by its alias; only the alias is ever stored in the database. The store file is opened with the
 * password in {@value #PASSWORD_VARIABLE}; it is read again whenever the file changes, so a key set or rotated with
 * the Elytron tool is used by the next run without a restart.
 */
public final class CredentialStoreKeys {

    public static final String PASSWORD_VARIABLE = "FLAMES_CREDENTIAL_STORE_PASSWORD";
    public static final String LOCATION_VARIABLE = "FLAMES_CREDENTIAL_STORE";
    public static final Pattern ALIAS = org.flamesaudit.support.JsonFields.KEY_ALIAS;
    public static final int MAX_SECRET = 8192;
    /**
     * The shortest key accepted: every provider's keys are far longer, and a key of a character or two would be
     * removed from every text that contains those characters when provider messages are redacted.
     */
    public static final int MIN_SECRET = 8;

    private static final java.security.Provider STORE_PROVIDER = WildFlyElytronCredentialStoreProvider.getInstance();
    /** Passed explicitly: nothing is installed into the JVM's global security providers. */
    private static final java.security.Provider[] PROVIDERS = {
            WildFlyElytronPasswordProvider.getInstance(), STORE_PROVIDER};

    private static volatile CredentialStoreKeys shared;

    private final Path location;
    private final char[] password;
    private CredentialStore store;
    private FileTime loaded;

    public CredentialStoreKeys(Path location, char[] password) {
        this.location = location;
        this.password = password == null || password.length == 0 ? null : password.clone();
    }

    /** This server's store: {@value #LOCATION_VARIABLE} (or -Dflames.credential.store), default in the data dir. */
    public static CredentialStoreKeys shared() {
        CredentialStoreKeys s = shared;
        if (s == null) {
            synchronized (CredentialStoreKeys.class) {
                if (shared == null) {
                    Path path = org.flamesaudit.support.Setting.CREDENTIAL_STORE.value().map(Path::of)
                            .orElseGet(() -> AppConfig.dataDir().resolve("flames-keys.cs"));
                    String pw = org.flamesaudit.support.Setting.CREDENTIAL_STORE_PASSWORD.value().orElse(null);
                    shared = new CredentialStoreKeys(path.toAbsolutePath().normalize(),
                            pw == null ? null : pw.toCharArray());
                }
                s = shared;
            }
        }
        return s;
    }

    public boolean configured() {
        return password != null;
    }

    public Path location() {
        return location;
    }

    /** The secret stored under the alias, or null when there is none. */
    public synchronized String retrieve(String alias) {
        try {
            CredentialStore cs = open(false);
            if (cs == null || !cs.exists(alias, PasswordCredential.class)) {
                return null;
            }
            ClearPassword p = cs.retrieve(alias, PasswordCredential.class).getPassword(ClearPassword.class);
            return p == null ? null : new String(p.getPassword());
        } catch (CredentialStoreException e) {
            throw unreadable(e);
        }
    }

    /** Sets or replaces (rotates) the secret of an alias; returns true when the alias existed before. */
    public synchronized boolean store(String alias, String secret) {
        checkAlias(alias);
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET
                || !secret.strip().equals(secret)) {
            throw new ConfigurationException("value", "must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters with no leading or trailing white space");
        }
        try {
            CredentialStore cs = open(true);
            boolean existed = cs.exists(alias, PasswordCredential.class);
            cs.store(alias, new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR,
                    secret.toCharArray())));
            cs.flush();
            loaded = Files.getLastModifiedTime(location);
            return existed;
        } catch (CredentialStoreException | IOException e) {
            throw new IllegalStateException("the credential store " + location + " could not be written: "
                    + e.getMessage(), e);
        }
    }

    /** Removes an alias; returns false when there was none. */
    public synchronized boolean remove(String alias) {
        checkAlias(alias);
        try {
            CredentialStore cs = open(false);
            if (cs == null || !cs.exists(alias, PasswordCredential.class)) {
                return false;
            }
            cs.remove(alias, PasswordCredential.class);
            cs.flush();
            loaded = Files.getLastModifiedTime(location);
            return true;
        } catch (CredentialStoreException | IOException e) {
            throw new IllegalStateException("the credential store " + location + " could not be written: "
                    + e.getMessage(), e);
        }
    }

    public synchronized SortedSet<String> aliases() {
        try {
            CredentialStore cs = open(false);
            return cs == null ? new TreeSet<>() : new TreeSet<>(cs.getAliases());
        } catch (CredentialStoreException e) {
            throw unreadable(e);
        }
    }

    public static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new ConfigurationException("alias", "must be 1-100 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    /** The store as the file is now; null when the file does not exist and {@code create} is false. */
    private CredentialStore open(boolean create) throws CredentialStoreException {
        if (password == null) {
            throw new ConfigurationException(null, "no credential store is configured on the server: export "
                    + PASSWORD_VARIABLE + " (the store's password) before starting WildFly; see the section "
                    + "Audit a real model of the README");
        }
        try {
            boolean exists = Files.exists(location);
            if (!exists && !create) {
                return null;
            }
            FileTime modified = exists ? Files.getLastModifiedTime(location) : null;
            if (store != null && exists && modified.equals(loaded)) {
                return store;
            }
            if (!exists) {
                Files.createDirectories(location.getParent());
            }
            Map<String, String> config = new HashMap<>();
            config.put("location", location.toString());
            config.put("create", Boolean.toString(create));
            config.put("modifiable", "true");
            config.put("keyStoreType", "JCEKS"); // the default of bin/elytron-tool.sh credential-store
            CredentialStore cs = CredentialStore.getInstance("KeyStoreCredentialStore", STORE_PROVIDER);
            cs.initialize(config, new CredentialStore.CredentialSourceProtectionParameter(
                    IdentityCredentials.NONE.withCredential(new PasswordCredential(
                            ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, password)))), PROVIDERS);
            store = cs;
            loaded = modified;
            return cs;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the credential store " + location + " cannot be opened: "
                    + e.getMessage(), e);
        }
    }

    private IllegalStateException unreadable(CredentialStoreException e) {
        return new IllegalStateException("the credential store " + location + " cannot be read (wrong "
                + PASSWORD_VARIABLE + "?): " + e.getMessage(), e);
    }
}
