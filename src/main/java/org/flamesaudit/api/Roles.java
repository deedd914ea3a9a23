package org.flamesaudit.api;

/**
 * The application's roles (issue 5). {@code auditor} imports prompt sets and starts, stops and restarts runs;
 * {@code reviewer} reviews scores and signs reports off as reviewed; {@code approver} approves reviewed reports;
 * {@code regulator} only reads; {@code admin} manages users and secrets and, by separation of duties, does not read
 * audit data. Every resource method names the roles that may call it.
 */
public final class Roles {

    public static final String AUDITOR = "auditor";
    public static final String REVIEWER = "reviewer";
    public static final String REGULATOR = "regulator";
    public static final String ADMIN = "admin";
    /** Approves a reviewed report (the last step of its sign-off, issue 23). */
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
