package org.flamesaudit.support;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Typed, validated access to the fields of a JSON request object; every error names the field. */
public final class JsonFields {

    private static final Set<String> SECRET_FIELDS = Set.of("apikey", "api_key", "key", "token", "authorization",
            "password", "secret", "bearer");

    /** The alias of a key in the server's credential store. */
    public static final java.util.regex.Pattern KEY_ALIAS = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /**
     * Credential store aliases that hold the server's own secrets, never an API key: the report signing keystore's
     * password (reporting.ReportSigning). A request may not name them as a key to send to a provider.
     */
    public static final java.util.Set<String> RESERVED_ALIASES = java.util.Set.of("report-signing");

    private final JsonObject object;
    private final String prefix;

    public JsonFields(JsonObject object, String prefix) {
        this(object, prefix, false);
    }

    /**
     * For the few bodies whose purpose is to carry a secret (an account's password): the same readers, without
     * refusing fields named like secrets.
     */
    public static JsonFields acceptingSecrets(JsonObject object) {
        return new JsonFields(object, null, true);
    }

    private JsonFields(JsonObject object, String prefix, boolean secretsAllowed) {
        if (object == null) {
            throw ConfigurationException.required(prefix);
        }
        this.object = object;
        this.prefix = prefix;
        for (String k : secretsAllowed ? java.util.Set.<String>of() : object.keySet()) {
            if (SECRET_FIELDS.contains(k.toLowerCase(Locale.ROOT))) {
                throw new ConfigurationException(name(k), "secrets are never accepted in requests; put the key in"
                        + " the server's credential store and pass its alias as apiKeyAlias (or its environment variable's name"
                        + " as apiKeyEnv)");
            }
        }
    }

    /**
     * Refuses a field the request does not define: nothing a client sends is silently dropped (a misspelt
     * {@code "maxToken"}, a {@code "stream"} a connector does not take).
     *
     * @throws ConfigurationException naming the first unknown field (in name order)
     */
    public JsonFields allowOnly(java.util.Collection<String> fields) {
        for (String k : new java.util.TreeSet<>(object.keySet())) {
            if (!fields.contains(k)) {
                throw new ConfigurationException(name(k), "is not a field of this request; the fields are: "
                        + String.join(", ", new java.util.TreeSet<>(fields)), ConfigurationException.Kind.UNKNOWN_FIELD,
                        java.util.Map.of());
            }
        }
        return this;
    }

    public JsonFields allowOnly(String... fields) {
        return allowOnly(java.util.List.of(fields));
    }

    public String name(String field) {
        return prefix == null ? field : prefix + "." + field;
    }

    public String requiredString(String field) {
        String s = optionalString(field);
        if (s == null || s.isBlank()) {
            throw ConfigurationException.required(name(field));
        }
        return s.strip();
    }

    public String optionalString(String field) {
        JsonValue v = object.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new ConfigurationException(name(field), "must be a string", ConfigurationException.Kind.NOT_TEXT,
                    java.util.Map.of());
        }
        return object.getString(field);
    }

    /**
     * The NAME of an environment variable holding a secret, or null when absent or blank; a value that cannot be a
     * variable name (most likely the key itself) is refused.
     */
    public String optionalEnvName(String field) {
        String env = optionalString(field);
        if (env == null || env.isBlank()) {
            return null;
        }
        if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException(name(field), "must be the NAME of an environment variable "
                    + "(letters, digits, underscore), not the key itself");
        }
        return env;
    }

    /** The alias of a key in the server's credential store, or null when absent or blank. */
    public String optionalAlias(String field) {
        String alias = optionalString(field);
        if (alias == null || alias.isBlank()) {
            return null;
        }
        if (!KEY_ALIAS.matcher(alias).matches()) {
            throw new ConfigurationException(name(field), "must be the alias of a key in the server's credential "
                    + "store (lower-case letters, digits, '.', '_', '-'), not the key itself");
        }
        if (RESERVED_ALIASES.contains(alias)) {
            throw new ConfigurationException(name(field), "\"" + alias + "\" holds the server's report signing "
                    + "password, not an API key: it is never sent to a provider");
        }
        return alias;
    }

    /** Refuses a request that names a key both ways. */
    public void atMostOne(String a, String b) {
        String first = optionalString(a);
        String second = optionalString(b);
        if (first != null && !first.isBlank() && second != null && !second.isBlank()) {
            throw new ConfigurationException(name(b), "give " + name(a) + " or " + name(b) + ", not both");
        }
    }

    public Boolean optionalBoolean(String field) {
        JsonValue v = object.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new ConfigurationException(name(field), "must be true or false");
        }
        return v == JsonValue.TRUE;
    }

    public Double optionalDouble(String field, double min, double max) {
        JsonValue v = object.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw new ConfigurationException(name(field), "must be a number", ConfigurationException.Kind.NOT_A_NUMBER,
                    java.util.Map.of());
        }
        double d;
        try {
            d = n.doubleValue();
        } catch (RuntimeException tooLong) { // the JSON parser refuses numbers of more than 1,100 digits
            throw ConfigurationException.outOfRange(name(field), min, max);
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw ConfigurationException.outOfRange(name(field), min, max);
        }
        return d;
    }

    public Integer optionalInt(String field, int min, int max) {
        JsonValue v = object.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw new ConfigurationException(name(field), "must be an integer",
                        ConfigurationException.Kind.NOT_A_NUMBER, java.util.Map.of());
        }
        long l;
        try {
            if (!n.isIntegral()) {
                throw new ConfigurationException(name(field), "must be an integer",
                        ConfigurationException.Kind.NOT_A_NUMBER, java.util.Map.of());
            }
            l = n.longValueExact();
        } catch (ArithmeticException | UnsupportedOperationException tooLarge) {
            // beyond a long, or more digits than the JSON parser accepts (1,100)
            throw ConfigurationException.outOfRange(name(field), min, max);
        }
        if (l < min || l > max) {
            throw ConfigurationException.outOfRange(name(field), min, max);
        }
        return (int) l;
    }

    /**
     * An absolute http(s) base URL without credentials, query, fragment, dot segments or encoded separators
     * ({@link HttpUrls#strict}).
     */
    public String requiredHttpUrl(String field) {
        String s = requiredString(field);
        HttpUrls.strict(s, name(field));
        return s;
    }
}
