package org.flamesaudit.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import javax.sql.DataSource;

/**
 * Brings the schema to the latest Flyway migration when the application starts, before any request or job, then
 * fires {@link SchemaReady}, which starts the rest of the start-up sequence. The schema belongs to Flyway alone
 * (Hibernate's auto-DDL is off); a failed migration fails the deployment.
 */
@ApplicationScoped
public class DatabaseMigration {

    private static final SupportLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), SupportLogger.class,
            DatabaseMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/FlamesDS")
    DataSource dataSource;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<SchemaReady> schemaReady;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object event) {
        var result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("flames_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.schemaMigrated(result.targetSchemaVersion, result.migrationsExecuted);
        schemaReady.fire(new SchemaReady());
    }
}
