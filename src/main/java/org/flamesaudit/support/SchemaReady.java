package org.flamesaudit.support;

/**
 * The one start-up sequence: fired once by {@link DatabaseMigration} after the schema is at the latest migration,
 * before any request or job. Start-up work that needs the database observes it, ordered by {@code @Priority}:
 * {@link #RECOVER} (the audit chain sealed, interrupted runs and imports of this node), {@link #CHECK} (stored runs and schedules checked
 * against the key rules), {@link #SCHEDULE} (the schedule ticker starts), {@link #PARTITIONS} (this node starts taking
 * partitions of distributed runs).
 */
public final class SchemaReady {

    public static final int RECOVER = jakarta.interceptor.Interceptor.Priority.APPLICATION;
    public static final int CHECK = RECOVER + 100;
    public static final int SCHEDULE = RECOVER + 200;
    public static final int PARTITIONS = RECOVER + 300;

    SchemaReady() {
    }
}
