-- Issue 20: failed logins, the waits they start and admins' unlocks, in the audit log (org.flamesaudit.users.LoginEvent).
CREATE SEQUENCE login_event_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE login_event (
    id              BIGINT        NOT NULL PRIMARY KEY,
    at              TIMESTAMP     NOT NULL,
    action          VARCHAR(20)   NOT NULL,
    username        VARCHAR(200)  NOT NULL,
    address         VARCHAR(100),
    failures        INTEGER,
    wait_seconds    BIGINT,
    by_user         VARCHAR(200),
    node_name       VARCHAR(200)  NOT NULL
);
CREATE INDEX login_event_at ON login_event (at);
CREATE INDEX login_event_username ON login_event (username);
