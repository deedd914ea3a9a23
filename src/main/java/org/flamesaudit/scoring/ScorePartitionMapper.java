package org.flamesaudit.scoring;

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
 * Splits the score step by response id (id mod n) into as many partitions as the scorer can use in parallel: the
 * run's concurrency for a remote judge, one for scorers that batch internally.
 */
@Named
@Dependent
public class ScorePartitionMapper implements PartitionMapper {

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    RunStore runs;

    @Inject
    ScorerResources scorers;

    @Inject
    ScoringStore store;

    @Override
    public PartitionPlan mapPartitions() {
        long id = Long.parseLong(runId);
        AuditRun run = runs.require(id);
        ScorerResources.RunScorer runScorer = scorers.forRun(id);
        Scorer scorer = runScorer.scorer();
        String batchSize = Integer.toString(runScorer.spec().effectiveBatchSize());
        long unscored = store.countUnscored(id);
        int n = (int) Math.max(1, Math.min(scorer.parallelism(run.getConcurrency()), unscored));
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        plan.setPartitionsOverride(true);
        Properties[] props = new Properties[n];
        for (int i = 0; i < n; i++) {
            props[i] = new Properties();
            props[i].setProperty("partitionIndex", Integer.toString(i));
            props[i].setProperty("partitionCount", Integer.toString(n));
            props[i].setProperty("batchSize", batchSize);
        }
        plan.setPartitionProperties(props);
        return plan;
    }
}
