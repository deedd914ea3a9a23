package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.support.DatabaseMigration;

import java.util.logging.Logger;

/**
 * At start-up, a run this node was executing that is still marked QUEUED or RUNNING was interrupted by a crash or a
 * hard stop of this server (runs of other nodes on the same database are not touched): it is
 * marked FAILED with a message saying how to continue it ({@code POST /api/runs/{id}/restart}). Nothing it
 * produced is lost; the restart continues with what is missing.
 */
@ApplicationScoped
public class InterruptedRunsRecovery {

    private static final Logger LOG = Logger.getLogger(InterruptedRunsRecovery.class.getName());

    @Inject
    RunStore runs;

    @Inject
    DatabaseMigration migration;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        migration.ensureMigrated();
        for (AuditRun run : runs.activeOnThisNode()) {
            runs.finished(run.getId(), RunStatus.FAILED, "interrupted: the server stopped while this run was "
                    + run.getStatus() + "; POST /api/runs/" + run.getId() + "/restart to continue where it stopped");
            LOG.warning(() -> "run " + run.getId() + " was interrupted by a server stop; marked FAILED, restartable");
        }
    }
}
