package org.flamesaudit.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Runs every {@link WarmUp} once at start, one after the other on one managed thread, after the schema is ready
 * ({@link SchemaReady}); {@link Setting#WARM_UP} ({@code flames.warm-up=false}) turns them off. Measured effect on
 * the first audit after a start: BENCHMARKS.md, "Whole-audit throughput".
 */
@ApplicationScoped
public class WarmUps {

    private static final SupportLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), SupportLogger.class,
            WarmUps.class.getName());

    @Inject
    Instance<WarmUp> warmUps;

    @Resource
    ManagedExecutorService executor;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.CHECK) SchemaReady event) {
        if (!Setting.WARM_UP.booleanValue()) {
            LOG.warmUpOff(Setting.WARM_UP.label());
            return;
        }
        executor.submit(() -> warmUps.forEach(WarmUps::run));
    }

    private static void run(WarmUp w) {
        long start = System.nanoTime();
        try {
            w.warm();
            LOG.warmedUp(w.what(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            LOG.warmUpFailed(w.what(), e.toString());
        }
    }
}
