-- Issue 5 part 2: accounts the admin manages through /api/users, read by the server's Elytron jdbc-realm
-- (wildfly-config/configure-security.cli) next to the file realm of the demo accounts. Passwords are bcrypt
-- (hash and salt base64, cost in iterations); app_user_role is what the realm reads as the account's roles, and
-- app_user.roles the same roles as one sorted, comma-separated value for the Envers trail (app_user_aud), which
-- never holds a password hash: only when the password last changed.
CREATE TABLE app_user (
    username             VARCHAR(64)   NOT NULL PRIMARY KEY,
    password_hash        VARCHAR(100)  NOT NULL,
    salt                 VARCHAR(50)   NOT NULL,
    iterations           INTEGER       NOT NULL,
    roles                VARCHAR(200)  NOT NULL,
    enabled              BOOLEAN       NOT NULL,
    password_changed_at  TIMESTAMP     NOT NULL,
    created_at           TIMESTAMP     NOT NULL,
    created_by           VARCHAR(200)  NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    updated_by           VARCHAR(200)  NOT NULL
);

CREATE TABLE app_user_role (
    username  VARCHAR(64)  NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    role      VARCHAR(20)  NOT NULL,
    PRIMARY KEY (username, role)
);

CREATE TABLE app_user_aud (
    username             VARCHAR(64)   NOT NULL,
    rev                  BIGINT        NOT NULL REFERENCES revision_info (id),
    revtype              SMALLINT,
    roles                VARCHAR(200),
    enabled              BOOLEAN,
    password_changed_at  TIMESTAMP,
    created_at           TIMESTAMP,
    created_by           VARCHAR(200),
    updated_at           TIMESTAMP,
    updated_by           VARCHAR(200),
    PRIMARY KEY (username, rev)
);
