package org.flamesaudit.scoring;

import java.util.ArrayList;
import java.util.List;

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
 * Splits the score step by scorer and by response id (id mod n): each of the run's scorers ({@link ScorerPanels})
 * gets as many partitions as it can use in parallel (the run's concurrency for a remote judge, one for scorers that
 * batch internally), and none once it has scored every answer.
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
        ScorerResources.RunScorers all = scorers.forRun(id);
        List<Properties> partitions = new ArrayList<>();
        for (int m = 0; m < all.members().size(); m++) {
            ScorerResources.RunScorer member = all.member(m);
            long unscored = store.countUnscored(id, all.panel().member(m).getScorerKey());
            if (unscored == 0 && !partitions.isEmpty()) {
                continue;
            }
            int n = (int) Math.max(1, Math.min(member.scorer().parallelism(run.getConcurrency()), unscored));
            for (int i = 0; i < n; i++) {
                Properties p = new Properties();
                p.setProperty("scorerIndex", Integer.toString(m));
                p.setProperty("partitionIndex", Integer.toString(i));
                p.setProperty("partitionCount", Integer.toString(n));
                partitions.add(p);
            }
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions.size());
        plan.setThreads(partitions.size());
        plan.setPartitionsOverride(true);
        plan.setPartitionProperties(partitions.toArray(Properties[]::new));
        return plan;
    }
}
