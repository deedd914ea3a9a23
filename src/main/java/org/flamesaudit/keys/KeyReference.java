package org.flamesaudit.keys;

/**
 * How a run, a schedule or a judge names its API key: by the alias of a key in the server's credential store
 * ({@code apiKeyAlias}) or by the name of one of the server's environment variables ({@code apiKeyEnv}). The
 * endpoints an admin registers are kept per reference; {@link #id()} is the stored form.
 */
public record KeyReference(Kind kind, String name) {

    public enum Kind {
        /** A key in the credential store, by alias. */
        ALIAS("alias", "apiKeyAlias"),
        /** A key in one of the server's environment variables, by name. */
        ENV("env", "apiKeyEnv");

        private final String prefix;
        private final String field;

        Kind(String prefix, String field) {
            this.prefix = prefix;
            this.field = field;
        }

        /** The request field that names a key this way ({@code apiKeyAlias} or {@code apiKeyEnv}). */
        public String field() {
            return field;
        }
    }

    public static KeyReference alias(String alias) {
        return new KeyReference(Kind.ALIAS, alias);
    }

    public static KeyReference env(String variable) {
        return new KeyReference(Kind.ENV, variable);
    }

    /** The reference a spec names, or null when it names no key (an endpoint without authentication). */
    public static KeyReference of(String apiKeyEnv, String apiKeyAlias) {
        return apiKeyAlias != null ? alias(apiKeyAlias) : apiKeyEnv != null ? env(apiKeyEnv) : null;
    }

    /** The stored form: {@code alias:deepseek} or {@code env:FLAMES_KEY_DEEPSEEK}. */
    public String id() {
        return kind.prefix + ":" + name;
    }

    /** The reference back from {@link #id()}. */
    public static KeyReference fromId(String id) {
        int colon = id.indexOf(':');
        String kind = id.substring(0, colon);
        return new KeyReference(kind.equals(Kind.ENV.prefix) ? Kind.ENV : Kind.ALIAS, id.substring(colon + 1));
    }

    /** For messages: {@code key alias "deepseek"} or {@code environment variable FLAMES_KEY_DEEPSEEK}. */
    public String describe() {
        return kind == Kind.ALIAS ? "key alias \"" + name + "\"" : "environment variable " + name;
    }

    /** How an admin registers this key's endpoints over the API. */
    public String registerHint() {
        return kind == Kind.ALIAS ? "PUT /api/secrets/" + name + "/endpoints" : "PUT /api/secrets/env/" + name
                + "/endpoints";
    }
}
