package org.flamesaudit.testsupport;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The application's schema and JPA queries without a server: a private in-memory H2 database migrated by the
 * application's own Flyway scripts ({@code db/migration}, as {@code DatabaseMigration} runs them at start-up), and a
 * Hibernate session factory over every {@code @Entity} of {@code org.flamesaudit}, with the persistence unit's
 * settings (schema owned by Flyway, lenient JPQL compliance for Envers). Beans are wired by {@link #wire}: their
 * {@code EntityManager} and same-typed collaborators are set as the container would inject them. Close it after use.
 */
public final class QueryTestDatabase implements AutoCloseable {

    private final String url;
    private final SessionFactory sessions;

    public QueryTestDatabase() {
        url = "jdbc:h2:mem:query-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure(getClass().getClassLoader()).dataSource(url, "sa", "")
                .locations("classpath:db/migration").table("flames_schema_history").load().migrate();
        Configuration cfg = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "none")
                .setProperty("hibernate.jpa.compliance.query", "false")
                .setProperty("hibernate.show_sql", "false");
        entityClasses().forEach(cfg::addAnnotatedClass);
        sessions = cfg.buildSessionFactory();
    }

    /** A new entity manager (resource-local transactions: begin and commit them in the test). */
    public EntityManager entityManager() {
        return sessions.createEntityManager();
    }

    /** The same database for plain JDBC (the server's realms read it so, not through JPA). */
    public javax.sql.DataSource dataSource() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** Runs {@code work} in one transaction of a fresh entity manager, which it closes. */
    public <T> T inTransaction(java.util.function.Function<EntityManager, T> work) {
        EntityManager em = entityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /**
     * Sets every field of {@code bean} (its class and superclasses) whose type is {@code EntityManager} to {@code em}
     * and every field whose type is that of one of {@code collaborators} to it.
     */
    public static <T> T wire(T bean, EntityManager em, Object... collaborators) {
        for (Class<?> c = bean.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Object value = f.getType() == EntityManager.class ? em : null;
                for (Object o : collaborators) {
                    if (f.getType().isInstance(o)) {
                        value = o;
                    }
                }
                if (value != null) {
                    try {
                        f.setAccessible(true);
                        f.set(bean, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return bean;
    }

    /** Every class annotated {@code @Entity} under {@code org/flamesaudit} in the compiled main classes. */
    static List<Class<?>> entityClasses() {
        try {
            Path root = Path.of(QueryTestDatabase.class.getClassLoader().getResource("db/migration").toURI())
                    .getParent().getParent();
            try (Stream<Path> files = Files.walk(root.resolve("org/flamesaudit"))) {
                return files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                        .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .map(QueryTestDatabase::load).filter(c -> c.isAnnotationPresent(Entity.class))
                        .<Class<?>>map(c -> c).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, QueryTestDatabase.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Object.class; // a class whose dependencies are not on the test class path cannot be an entity here
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
