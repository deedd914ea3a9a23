package org.flamesaudit.auditchain;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.support.SchemaReady;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the audit chain is sealed besides its writers' own transactions: at start-up (the rows written before the
 * chain existed, and any a crash left unsealed), just after a transaction that recorded an Envers revision ends
 * ({@link #sealAfterCommit}: Envers writes its rows at the end of the transaction, after the application's code), and
 * every
 * {@value #PERIOD_SECONDS} seconds as a safety net (over the last hour's rows; every row at start-up). Every node does this; the head row's lock orders them.
 */
@ApplicationScoped
public class ChainSealer {

    static final long PERIOD_SECONDS = 30;

    private static final AuditChainLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), AuditChainLogger.class,
            ChainSealer.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource(lookup = "java:jboss/TransactionManager")
    jakarta.transaction.TransactionManager transactions;

    @Inject
    AuditChain chain;

    private ScheduledFuture<?> periodic;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.RECOVER) SchemaReady event) {
        int sealed = chain.sealAll();
        AuditChain.Head head = chain.head();
        LOG.sealedAtStart(sealed, head.seq(), head.hash());
        periodic = executor.scheduleWithFixedDelay(this::sealQuietly, PERIOD_SECONDS, PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Seals, on another thread, once the current transaction has ended: called by Envers' revision listener, which
     * runs inside the transaction's completion, where neither a CDI transactional observer nor a new synchronization
     * can be registered any more (Weld then calls an AFTER_SUCCESS observer at once, before the revision's rows are
     * committed). So the task waits, up to {@value #COMMIT_WAIT_SECONDS} s, for the transaction's status to leave
     * its completion, then seals; the periodic seal covers a transaction slower than that.
     */
    public void sealAfterCommit() {
        jakarta.transaction.Transaction tx;
        try {
            tx = transactions.getTransaction();
        } catch (jakarta.transaction.SystemException e) {
            throw new IllegalStateException("the transaction manager cannot say which transaction this is", e);
        }
        executor.execute(() -> {
            awaitEnd(tx);
            sealQuietly();
        });
    }

    static final long COMMIT_WAIT_SECONDS = 60;

    private static void awaitEnd(jakarta.transaction.Transaction tx) {
        if (tx == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMIT_WAIT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                int status = tx.getStatus();
                if (status == jakarta.transaction.Status.STATUS_COMMITTED
                        || status == jakarta.transaction.Status.STATUS_ROLLEDBACK
                        || status == jakarta.transaction.Status.STATUS_NO_TRANSACTION
                        || status == jakarta.transaction.Status.STATUS_UNKNOWN) {
                    return;
                }
                Thread.sleep(5);
            }
        } catch (jakarta.transaction.SystemException e) {
            // the transaction is gone: nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The periodic seal's window: rows of the last hour (writers seal their own at once; this catches stragglers). */
    static final java.time.Duration PERIODIC_WINDOW = java.time.Duration.ofHours(1);

    private void sealQuietly() {
        try {
            chain.seal(PERIODIC_WINDOW);
        } catch (RuntimeException e) {
            LOG.sealFailed(PERIOD_SECONDS, e);
        }
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}
