package org.flamesaudit.generation;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;

import java.util.Properties;

/**
 * Splits the generate step into as many partitions as the run's concurrency (fewer when fewer prompts are pending);
 * partition i takes the prompts whose id mod n = i, so partitions never overlap and each calls the model on its
 * own thread. On restart the plan is rebuilt from what is still pending.
 */
@Named
@Dependent
public class GeneratePartitionMapper implements PartitionMapper {

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    RunStore runs;

    @Inject
    GenerationStore store;

    @Override
    public PartitionPlan mapPartitions() {
        long id = Long.parseLong(runId);
        AuditRun run = runs.require(id);
        int maxLine = runs.scopeMaxLine(id);
        long pending = store.countPending(id, run.getPromptSet().getId(), maxLine);
        int n = (int) Math.max(1, Math.min(run.getConcurrency(), pending));
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        plan.setPartitionsOverride(true);
        Properties[] props = new Properties[n];
        for (int i = 0; i < n; i++) {
            props[i] = new Properties();
            props[i].setProperty("partitionIndex", Integer.toString(i));
            props[i].setProperty("partitionCount", Integer.toString(n));
            props[i].setProperty("promptSetId", Long.toString(run.getPromptSet().getId()));
            props[i].setProperty("maxLine", Integer.toString(maxLine));
        }
        plan.setPartitionProperties(props);
        return plan;
    }
}
