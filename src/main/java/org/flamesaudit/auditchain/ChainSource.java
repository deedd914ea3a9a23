package org.flamesaudit.auditchain;

import java.util.List;

/**
 * The kinds of audit-log rows the hash chain covers, each with the table and the exact columns whose values make up
 * an entry's content ({@link ChainContent}). The column lists are fixed, not read from the schema: a migration that
 * adds a column to one of these tables breaks AuditChainTest until it is listed here. A column added after rows were
 * chained goes into the table's {@code laterColumns}: written into the content only when it is not NULL, so every row
 * chained before it existed (NULL there) keeps its content, and a row that sets it is covered.
 *
 * <p>A revision (Hibernate Envers: one per transaction that changed a schedule, an account or an API key's
 * registration) is one entry made of its {@code revision_info} row and every audited row it wrote.
 */
public enum ChainSource {

    /** A reviewer's change of a score, with its justification ({@code score_review}). */
    REVIEW("review", new Table("score_review", "id", List.of("id", "score_id", "run_id", "prompt_id",
            "machine_value", "machine_status", "previous_value", "new_value", "justification", "reviewer",
            "created_at")), "created_at", false, List.of()),

    /** A failed login, a lock-out or an unlock ({@code login_event}). */
    LOGIN("login", new Table("login_event", "id", List.of("id", "at", "action", "username", "address", "failures",
            "wait_seconds", "by_user", "node_name")), "at", false, List.of()),

    /** An acceptance of a run's failed items, with its justification ({@code failure_acceptance}). */
    ACCEPTANCE("acceptance", new Table("failure_acceptance", "id", List.of("id", "run_id", "accepted_by",
            "accepted_at", "justification", "withheld_reason")), "accepted_at", false, List.of()),

    /** A user's or the server's action: a run started, stopped, a report rendered or downloaded ({@code action_log}). */
    ACTION("action", new Table("action_log", "id", List.of("id", "at", "username", "action", "run_id",
            "dataset_id", "rendering_id", "detail", "node_name")), "at", false, List.of()),

    /** A step of a report's sign-off: reviewed or approved, by whom, for which report id ({@code report_signoff}). */
    SIGNOFF("signoff", new Table("report_signoff", "id", List.of("id", "run_id", "report_id", "step", "username",
            "signed_at", "comment", "node_name")), "signed_at", false, List.of()),

    /** An Envers revision of schedules, accounts and API keys ({@code revision_info} and the {@code *_aud} rows). */
    REVISION("revision", new Table("revision_info", "id", List.of("id", "revision_at", "username")), "revision_at",
            true, List.of(
            new Table("schedule_aud", "id", List.of("id", "rev", "revtype", "name", "cron", "zone_id", "dataset_id",
                    "target_config", "scorer_config", "concurrency", "prompt_limit", "enabled", "missed_firings",
                    "active_since", "deleted", "created_at", "created_by", "updated_at", "updated_by",
                    "blocked_policy"), List.of("gate_config", "alerts_config")),
            new Table("app_user_aud", "username", List.of("username", "rev", "revtype", "roles", "enabled",
                    "password_changed_at", "created_at", "created_by", "updated_at", "updated_by")),
            new Table("api_key_aud", "key_ref", List.of("key_ref", "rev", "revtype", "endpoints", "key_set_at",
                    "created_at", "created_by", "updated_at", "updated_by"))));

    /**
     * One table of a source: its name, the column that orders its rows (the key), the columns of the content, and
     * the columns added later (V29 on: written only when not NULL). A revision's child tables link to it by their
     * {@code rev} column.
     */
    public record Table(String name, String key, List<String> columns, List<String> laterColumns) {
        public Table(String name, String key, List<String> columns) {
            this(name, key, columns, List.of());
        }

        /** Every column read: the first format's, then the later ones. */
        public List<String> allColumns() {
            List<String> all = new java.util.ArrayList<>(columns);
            all.addAll(laterColumns);
            return all;
        }
    }

    private final String code;
    private final Table table;
    private final String timeColumn;
    private final boolean epochMillis;
    private final List<Table> revisionRows;

    ChainSource(String code, Table table, String timeColumn, boolean epochMillis, List<Table> revisionRows) {
        this.code = code;
        this.table = table;
        this.timeColumn = timeColumn;
        this.epochMillis = epochMillis;
        this.revisionRows = revisionRows;
    }

    /** The name stored in {@code audit_chain.source} and shown by the API: review, login, acceptance, action, revision. */
    public String code() {
        return code;
    }

    /** The table of the source's rows, keyed by its {@code id} column. */
    public Table table() {
        return table;
    }

    /** The column with the time the row was written, which orders rows chained together. */
    public String timeColumn() {
        return timeColumn;
    }

    /** Whether {@link #timeColumn()} holds milliseconds since the epoch (Envers) rather than a timestamp. */
    public boolean epochMillis() {
        return epochMillis;
    }

    /** The tables whose rows with {@code rev} = the entry's id belong to it (revisions only). */
    public List<Table> revisionRows() {
        return revisionRows;
    }

    /** The source stored as {@code code}; an unknown code is a changed chain row. */
    public static ChainSource of(String code) {
        for (ChainSource s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
