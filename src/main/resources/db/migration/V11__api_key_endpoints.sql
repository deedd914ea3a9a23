-- Issue 17: an API key is sent only to the endpoints an admin registered for it. One row per key reference
-- ("alias:deepseek" for a key in the credential store, "env:FLAMES_KEY_DEEPSEEK" for an environment variable), its
-- endpoints in canonical form (scheme://host:port/path-prefix), one per line, sorted. The key itself is never here.
-- key_set_at is when the admin last set or rotated an alias's key (null for variables), so the Envers trail
-- (api_key_aud) records registrations, endpoint changes and rotations, never a key.
CREATE TABLE api_key (
    key_ref     VARCHAR(140)   NOT NULL PRIMARY KEY,
    endpoints   VARCHAR(4000)  NOT NULL,
    key_set_at  TIMESTAMP,
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(200)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(200)   NOT NULL
);

CREATE TABLE api_key_aud (
    key_ref     VARCHAR(140)   NOT NULL,
    rev         BIGINT         NOT NULL REFERENCES revision_info (id),
    revtype     SMALLINT,
    endpoints   VARCHAR(4000),
    key_set_at  TIMESTAMP,
    created_at  TIMESTAMP,
    created_by  VARCHAR(200),
    updated_at  TIMESTAMP,
    updated_by  VARCHAR(200),
    PRIMARY KEY (key_ref, rev)
);
