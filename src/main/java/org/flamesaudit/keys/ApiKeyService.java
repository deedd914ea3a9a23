package org.flamesaudit.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.NotFoundException;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The admin's side of API keys: a key in the credential store is set (or rotated) together with the endpoints it may
 * be sent to; an environment variable's endpoints are registered the same way; both can be changed and removed.
 * Every change is an Envers revision of {@link ApiKey} (the audit log); the key itself is written only to the
 * credential store.
 */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private static final KeysLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), KeysLogger.class,
            ApiKeyService.class.getName());
    public static final int MAX_ENDPOINTS = 20;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /** What a set or registration did. */
    public record Saved(ApiKey key, boolean created) {
    }

    /** The endpoints registered for a key; empty when none. Used by {@link Secrets} before any key is read. */
    public List<KeyEndpoint> endpoints(KeyReference ref) {
        ApiKey key = em.find(ApiKey.class, ref.id());
        return key == null ? List.of() : key.endpoints();
    }

    public List<ApiKey> list() {
        return em.createQuery("select k from ApiKey k order by k.keyRef", ApiKey.class).getResultList();
    }

    /**
     * Sets or rotates the key of an alias in the credential store. A key set for the first time needs its endpoints;
     * on a rotation they are optional (given: they replace the registered ones).
     *
     * @param endpoints the {@code endpoints} field of the request (null when absent)
     * @return whether the alias existed in the credential store before
     * @throws ConfigurationException naming {@code alias}, {@code value} or {@code endpoints[i]}
     */
    public boolean setKey(String alias, String value, JsonValue endpoints, String by) {
        CredentialStoreKeys.checkAlias(alias);
        KeyReference ref = KeyReference.alias(alias);
        ApiKey registered = em.find(ApiKey.class, ref.id());
        List<KeyEndpoint> parsed = endpoints == null || endpoints.getValueType() == JsonValue.ValueType.NULL ? null
                : parse(endpoints);
        if (parsed == null && registered == null) {
            throw new ConfigurationException("endpoints", "is required when a key is first set: the endpoints the key "
                    + "may be sent to, e.g. [\"https://api.deepseek.com/v1\"]; a run, schedule or judge that names "
                    + "this alias with another base URL is refused");
        }
        boolean rotated = CredentialStoreKeys.shared().store(alias, value);
        if (registered == null) {
            registered = new ApiKey(ref, parsed, by);
            em.persist(registered);
        } else if (parsed != null) {
            registered.setEndpoints(parsed, by);
        }
        registered.keySet(by);
        if (rotated) {
            LOG.keyRotated(alias, by);
        } else {
            LOG.keySet(alias, by);
        }
        return rotated;
    }

    /**
     * Registers (or replaces) the endpoints of a key: an alias that exists in the credential store, or an environment
     * variable the server allows ({@link KeyVariables}).
     *
     * @throws ConfigurationException naming the field at fault
     * @throws NotFoundException      when the credential store has no such alias
     */
    public Saved registerEndpoints(KeyReference ref, JsonValue endpoints, String by) {
        if (ref.kind() == KeyReference.Kind.ALIAS) {
            CredentialStoreKeys.checkAlias(ref.name());
            if (CredentialStoreKeys.shared().retrieve(ref.name()) == null) {
                throw new NotFoundException("the credential store has no key with alias " + ref.name()
                        + "; set it with PUT /api/secrets/" + ref.name() + " and its endpoints in the same request");
            }
        } else {
            if (ref.name() == null || !ref.name().matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw new ConfigurationException("name", "must be the name of an environment variable");
            }
            KeyVariables.configured().check(ref.name(), "name");
        }
        if (endpoints == null) {
            throw new ConfigurationException("endpoints", "is required: a list of the URLs the key may be sent to");
        }
        List<KeyEndpoint> parsed = parse(endpoints);
        ApiKey key = em.find(ApiKey.class, ref.id());
        boolean created = key == null;
        if (created) {
            key = new ApiKey(ref, parsed, by);
            em.persist(key);
        } else {
            key.setEndpoints(parsed, by);
        }
        LOG.endpointsSet(ref.describe(), parsed, by);
        return new Saved(key, created);
    }

    /** Removes an alias from the credential store with its registration; false when neither existed. */
    public boolean removeKey(String alias) {
        CredentialStoreKeys.checkAlias(alias);
        boolean inStore = CredentialStoreKeys.shared().remove(alias);
        return unregister(KeyReference.alias(alias)) || inStore;
    }

    /** Removes a key's endpoints (an environment variable's: it is then sent nowhere); false when none were registered. */
    public boolean unregister(KeyReference ref) {
        ApiKey key = em.find(ApiKey.class, ref.id());
        if (key == null) {
            return false;
        }
        em.remove(key);
        return true;
    }

    /** 1 to {@value #MAX_ENDPOINTS} distinct endpoints; each error names {@code endpoints[i]}. */
    static List<KeyEndpoint> parse(JsonValue endpoints) {
        if (endpoints.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ConfigurationException("endpoints", "must be a list of URLs such as [\"https://api.deepseek.com/v1\"]");
        }
        JsonArray array = endpoints.asJsonArray();
        if (array.isEmpty() || array.size() > MAX_ENDPOINTS) {
            throw new ConfigurationException("endpoints", "must name 1 to " + MAX_ENDPOINTS + " endpoints");
        }
        Set<KeyEndpoint> parsed = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "endpoints[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.STRING) {
                throw new ConfigurationException(field, "must be a URL string");
            }
            String text = array.getString(i);
            if (text.length() > 500) {
                throw new ConfigurationException(field, "must be at most 500 characters");
            }
            parsed.add(KeyEndpoint.parse(text, field));
        }
        return new ArrayList<>(parsed);
    }
}
