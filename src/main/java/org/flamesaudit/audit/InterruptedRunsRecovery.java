package org.flamesaudit.audit;

import org.flamesaudit.run.RunStore;
import org.flamesaudit.run.RunStatus;
import org.flamesaudit.run.AuditRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.support.SchemaReady;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Start-up recovery after a crash or hard stop of this node (other nodes' work on the same database is not touched):
 * an import it was running continues after the last line it stored; a run it had QUEUED or
 * RUNNING is marked FAILED with a message saying how to continue it ({@code POST /api/runs/{id}/restart}). Nothing
 * a run produced is lost; the restart continues with what is missing.
 */
@ApplicationScoped
public class InterruptedRunsRecovery {

    private static final AuditLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), AuditLogger.class,
            InterruptedRunsRecovery.class.getName());

    @Inject
    RunStore runs;

    @Inject
    org.flamesaudit.dataset.DatasetImportService imports;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.RECOVER) SchemaReady event) {
        imports.resumeInterrupted(org.flamesaudit.support.AppConfig.nodeName());
        for (AuditRun run : runs.activeOnThisNode()) {
            runs.finished(run.getId(), RunStatus.FAILED, "interrupted: the server stopped while this run was "
                    + run.getStatus() + "; POST /api/runs/" + run.getId() + "/restart to continue where it stopped");
            LOG.runInterrupted(run.getId());
        }
    }
}
