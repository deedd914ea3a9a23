package org.flamesaudit.audit;

import org.flamesaudit.cluster.PartitionLifecycle;
import org.flamesaudit.generation.TargetResources;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.ScorerResources;
import org.flamesaudit.support.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's resources on a node that runs partitions of a distributed run: released when the node's last partition of
 * the run ends unless the node runs the job (its listener releases them then), and a breaker that opened on the node
 * recorded with the run before the partition's result goes back.
 */
class RunResourcesTest {

    private final List<String> calls = new ArrayList<>();
    private String targetHalt;
    private String jobNode = "another-node";

    private RunResources resources() {
        RunResources r = new RunResources();
        r.targets = new TargetResources() {
            @Override
            public String haltReason(long runId) {
                return targetHalt;
            }

            @Override
            public void release(long runId) {
                calls.add("release target " + runId);
            }
        };
        r.scorers = new ScorerResources() {
            @Override
            public String haltReason(long runId) {
                return null;
            }

            @Override
            public void release(long runId) {
                calls.add("release scorer " + runId);
            }
        };
        r.runs = new RunStore() {
            @Override
            public AuditRun require(long id) {
                AuditRun run = new AuditRun(null, "{}", "{}", "djl", 1, null, 10);
                run.queued(jobNode);
                return run;
            }

            @Override
            public void recordHalt(long runId, String reason) {
                calls.add("halt " + runId + ": " + reason);
            }
        };
        return r;
    }

    private static PartitionLifecycle event(String runId, boolean ended) {
        Properties p = new Properties();
        if (runId != null) {
            p.setProperty("runId", runId);
        }
        return new PartitionLifecycle(9, p, ended);
    }

    @Test
    void aWorkerReleasesTheRunsResourcesWhenItsLastPartitionEnds() {
        RunResources r = resources();
        r.onPartition(event("7", false));
        r.onPartition(event("7", false));
        r.onPartition(event("7", true));
        assertThat(calls).isEmpty(); // one partition of run 7 still runs here
        r.onPartition(event("7", true));
        assertThat(calls).containsExactly("release target 7", "release scorer 7");
    }

    @Test
    void theNodeThatRunsTheJobKeepsThemForItsListener() {
        jobNode = AppConfig.nodeName();
        RunResources r = resources();
        r.onPartition(event("7", false));
        r.onPartition(event("7", true));
        assertThat(calls).isEmpty();
    }

    @Test
    void aBreakerThatOpenedOnTheNodeIsRecordedWithTheRunBeforeRelease() {
        targetHalt = "the model under test (stub) refused the key: HTTP 401";
        RunResources r = resources();
        r.onPartition(event("7", false));
        r.onPartition(event("7", true));
        assertThat(calls).containsExactly("halt 7: the model under test (stub) refused the key: HTTP 401",
                "release target 7", "release scorer 7");
    }

    @Test
    void partitionsOfOtherJobsAreNotCounted() {
        RunResources r = resources();
        r.onPartition(event(null, false));
        r.onPartition(event(null, true));
        assertThat(calls).isEmpty();
    }
}
