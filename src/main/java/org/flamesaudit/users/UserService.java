package org.flamesaudit.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.JsonFields;
import org.flamesaudit.support.NotFoundException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The accounts the admin manages, in the database the server's realm reads (users.realm.DatabaseAccountRealm): create,
 * change (password, roles, enabled), delete. The demo accounts of the file realm are listed read-only and their names
 * cannot be taken. Separation of duties: no account holds admin together with an audit role, and an admin never changes
 * or deletes their own account (another admin must); every change is an Envers revision in the audit log with the
 * admin's name.
 */
@ApplicationScoped
@Transactional
public class UserService {

    private static final UsersLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), UsersLogger.class,
            UserService.class.getName());
    public static final Set<String> ROLES = Set.of("auditor", "reviewer", "approver", "regulator", "admin");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD = 72; // bcrypt reads at most 72 bytes

    public record Saved(AppUser user, boolean created) {
    }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public List<AppUser> list() {
        return em.createQuery("select u from AppUser u order by u.username", AppUser.class).getResultList();
    }

    /** Creates the account or changes what the body names: {@code password}, {@code roles}, {@code enabled}. */
    public Saved save(String username, JsonObject body, String by) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new ConfigurationException("username", "must be 2-64 characters: lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required");
        }
        // this body carries the account's password, which every other request refuses
        if (username.equals(by)) {
            // separation of duties: an admin cannot grant, re-enable or re-key their own account
            throw new ConflictException("an admin cannot change their own account (" + username + "): ask another "
                    + "admin");
        }
        JsonFields f = JsonFields.acceptingSecrets(body).allowOnly("password", "roles", "enabled");
        char[] password = password(body);
        Set<String> roles = roles(body);
        Boolean enabled = f.optionalBoolean("enabled");
        if (fileAccounts().containsKey(username)) {
            throw new ConflictException(username + " is an account of the server's file realm "
                    + "(flames-users.properties); choose another name");
        }
        AppUser user = em.find(AppUser.class, username);
        boolean created = user == null;
        if (created) {
            if (password == null) {
                throw new ConfigurationException("password", "is required for a new account");
            }
            if (roles == null) {
                throw new ConfigurationException("roles", "is required for a new account");
            }
            user = new AppUser(username, BcryptHash.of(password), roles, enabled == null || enabled, by);
            em.persist(user);
        } else {
            if (password != null) user.setPassword(BcryptHash.of(password), by);
            if (roles != null) user.setRoles(roles, by);
            if (enabled != null) user.setEnabled(enabled, by);
        }
        em.flush();
        writeRealmRoles(user);
        String what = created ? "created" : "changed";
        if (password != null) {
            LOG.accountSavedWithPassword(username, what, by, user.getRoles(), user.isEnabled());
        } else {
            LOG.accountSaved(username, what, by, user.getRoles(), user.isEnabled());
        }
        return new Saved(user, created);
    }

    public void delete(String username, String by) {
        if (username.equals(by)) {
            throw new ConflictException("an admin cannot delete their own account (" + username + "): ask another "
                    + "admin");
        }
        AppUser user = em.find(AppUser.class, username);
        if (user == null) {
            throw new NotFoundException("no account " + username + " in the database"
                    + (fileAccounts().containsKey(username) ? " (it is a file-realm account)" : ""));
        }
        em.createNativeQuery("DELETE FROM app_user_role WHERE username = ?1").setParameter(1, username)
                .executeUpdate();
        em.remove(user);
        LOG.accountDeleted(username, by);
    }

    /** The file realm's accounts and their roles (read-only here). */
    public Map<String, List<String>> fileAccounts() {
        Map<String, List<String>> accounts = new TreeMap<>();
        Properties users = properties("flames-users.properties");
        Properties roles = properties("flames-roles.properties");
        for (String name : users.stringPropertyNames()) {
            String r = roles.getProperty(name, "");
            accounts.put(name, r.isBlank() ? List.of() : List.of(r.split("\\s*,\\s*")));
        }
        return accounts;
    }

    /** The rows the realm reads as the account's roles; none while it is disabled. */
    private void writeRealmRoles(AppUser user) {
        em.createNativeQuery("DELETE FROM app_user_role WHERE username = ?1").setParameter(1, user.getUsername())
                .executeUpdate();
        if (!user.isEnabled()) {
            return;
        }
        for (String role : user.getRoles()) {
            em.createNativeQuery("INSERT INTO app_user_role (username, role) VALUES (?1, ?2)")
                    .setParameter(1, user.getUsername()).setParameter(2, role).executeUpdate();
        }
    }

    private static char[] password(JsonObject body) {
        JsonValue v = body.get("password");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new ConfigurationException("password", "must be a string");
        }
        String p = s.getString();
        if (p.length() < MIN_PASSWORD || p.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD) {
            throw new ConfigurationException("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " bytes long");
        }
        if (p.isBlank()) {
            throw new ConfigurationException("password", "must not be blank");
        }
        return p.toCharArray();
    }

    private static Set<String> roles(JsonObject body) {
        JsonValue v = body.get("roles");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a) || a.isEmpty()) {
            throw new ConfigurationException("roles", "must be a non-empty array of " + new TreeSet<>(ROLES));
        }
        Set<String> roles = new TreeSet<>();
        for (JsonValue r : a) {
            if (!(r instanceof JsonString s) || !ROLES.contains(s.getString())) {
                throw new ConfigurationException("roles", r + " is not one of " + new TreeSet<>(ROLES));
            }
            roles.add(s.getString());
        }
        if (roles.contains("admin") && roles.size() > 1) {
            throw new ConfigurationException("roles", "admin and the audit roles (auditor, reviewer, approver, regulator) are "
                    + "separate duties: an account holds either admin or audit roles, not both");
        }
        return roles;
    }

    private static Properties properties(String file) {
        Properties p = new Properties();
        Path dir = org.flamesaudit.support.AppConfig.serverConfigDir();
        if (dir == null) {
            return p;
        }
        Path path = dir.resolve(file);
        if (Files.isRegularFile(path)) {
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return p;
    }
}
