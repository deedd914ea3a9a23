package org.flamesaudit.audit;

import org.flamesaudit.run.RunStore;
import org.flamesaudit.run.RunStatus;
import org.flamesaudit.run.AuditRun;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.flamesaudit.dataset.DatasetImportService;
import org.flamesaudit.dataset.DatasetStore;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.dataset.RepeatedPrompts;
import org.flamesaudit.dataset.RejectedLine;
import org.flamesaudit.generation.GenerationStore;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.scoring.ScoringStore;
import org.flamesaudit.testsupport.Await;
import org.flamesaudit.testsupport.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-container tests (Arquillian, WildFly managed container; see {@code src/test/resources/arquillian.xml}): the
 * application's beans injected as the server wires them, its JBeret jobs run for real, and their step metrics
 * (read, write, filter, commit, rollback counts) asserted exactly, as JBeret's own ChunkSkipRetryIT does. What the
 * HTTP-level ITs cannot see: how many chunks a job committed and whether any rolled back.
 */
@ExtendWith(ArquillianExtension.class)
class AuditJobsContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(AuditJobsContainerIT.class, Await.class);
    }

    @Inject
    DatasetImportService imports;

    @Inject
    DatasetStore datasets;

    @Inject
    RunService runService;

    @Inject
    RunStore runs;

    @Inject
    RunQueries queries;

    @Inject
    RunMetricsService metrics;

    @Inject
    GenerationStore generation;

    @Inject
    ScoringStore scoring;

    /**
     * 450 lines, three of them bad (lines 7, 201 and 450), through the import job's default chunk of 200 items: every
     * line is read and written (a bad line is written as its rejection, never filtered or skipped), in three chunks
     * (200, 200, 50), none rolled back.
     */
    @Test
    void theImportJobCommitsThreeChunksOfTwoHundredAndRejectsExactlyTheBadLines() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int line = 1; line <= 450; line++) {
            if (line == 7) {
                file.append("{\"dimension\": \"Fairness\", \"prompt\": ").append('\n'); // cut off: not JSON
            } else if (line == 201) {
                file.append("{\"dimension\": \"Kindness\", \"prompt\": \"p201\"}\n"); // not a Flames dimension
            } else if (line == 450) {
                file.append("{\"dimension\": \"Safety\"}\n"); // no prompt
            } else {
                file.append("{\"dimension\": \"Safety\", \"subcomponent\": \"s\", \"prompt\": \"container test prompt ")
                        .append(line).append(" ").append(System.nanoTime()).append("\"}\n");
            }
        }
        long setId = imports.submitUpload("container-import", "container-import.jsonl",
                new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), null,
                RepeatedPrompts.KEEP).id();
        Await.until(() -> datasets.require(setId).getStatus() != PromptSet.Status.IMPORTING, "the import to finish");
        JobExecution execution = lastExecution(DatasetImportService.JOB, "promptSetId", setId);
        Await.until(() -> FINISHED.contains(BatchRuntime.getJobOperator().getJobExecution(execution.getExecutionId())
                .getBatchStatus()), "the import job to finish");
        PromptSet set = datasets.require(setId);
        assertThat(set.getStatus()).isEqualTo(PromptSet.Status.READY);
        assertThat(set.getPromptCount()).isEqualTo(447);
        assertThat(set.getRejectedCount()).isEqualTo(3);
        assertThat(datasets.rejected(setId, 0, 100)).extracting(RejectedLine::getLineNumber).containsExactly(7, 201, 450);

        assertThat(BatchRuntime.getJobOperator().getJobExecution(execution.getExecutionId()).getBatchStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        Map<String, Map<Metric.MetricType, Long>> steps = stepMetrics(execution.getExecutionId());
        assertThat(steps.keySet()).containsExactly("flames-import-lines", "flames-import-finish");
        assertThat(steps.get("flames-import-lines"))
                .containsEntry(Metric.MetricType.READ_COUNT, 450L)
                .containsEntry(Metric.MetricType.WRITE_COUNT, 450L)
                .containsEntry(Metric.MetricType.FILTER_COUNT, 0L)
                .containsEntry(Metric.MetricType.COMMIT_COUNT, 3L)
                .containsEntry(Metric.MetricType.ROLLBACK_COUNT, 0L)
                .containsEntry(Metric.MetricType.READ_SKIP_COUNT, 0L)
                .containsEntry(Metric.MetricType.WRITE_SKIP_COUNT, 0L);
    }

    /**
     * The demo's 20 prompts audited offline (recorded answers replayed, the embedded scorer): every step of the job
     * runs once, generation and scoring read and write all 20 items across their partitions without a rollback, and
     * the stores and queries the steps use then agree: nothing pending, nothing unscored, every answer counted.
     */
    @Test
    void anOfflineAuditReadsAndWritesEveryItemOnceAndTheQueriesAgree() throws Exception {
        Path demo = Path.of(System.getProperty("flames.import.dirs").split(":")[0]);
        long setId = imports.submit("container-demo", demo.resolve("demo-prompts.jsonl").toString(), null,
                RepeatedPrompts.KEEP).id();
        Await.until(() -> datasets.require(setId).getStatus() != PromptSet.Status.IMPORTING, "the demo import to finish");
        long runId = runService.submit(Json.createObjectBuilder().add("datasetId", setId)
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", demo.resolve("demo-responses.jsonl").toString()))
                .build());
        Await.until(() -> !runs.require(runId).getStatus().isActive(), "the audit to finish");
        AuditRun run = runs.require(runId);
        assertThat(run.getStatus()).as(run.getError()).isEqualTo(RunStatus.COMPLETED);
        long executionId = lastExecution("flames-audit", "runId", runId).getExecutionId();
        Await.until(() -> FINISHED.contains(BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus()),
                "the audit job's last step (the report) to finish");
        JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(executionId);
        assertThat(execution.getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Map<Metric.MetricType, Long>> steps = stepMetrics(execution.getExecutionId());
        assertThat(steps.keySet()).containsExactly("flames-audit-generate", "flames-audit-score",
                "flames-audit-aggregate", "flames-audit-report");
        for (String step : List.of("flames-audit-generate", "flames-audit-score")) {
            assertThat(steps.get(step)).as(step)
                    .containsEntry(Metric.MetricType.READ_COUNT, 20L)
                    .containsEntry(Metric.MetricType.WRITE_COUNT, 20L)
                    .containsEntry(Metric.MetricType.FILTER_COUNT, 0L)
                    .containsEntry(Metric.MetricType.ROLLBACK_COUNT, 0L);
        }

        assertThat(generation.countPending(runId, setId, Integer.MAX_VALUE)).isZero();
        assertThat(scoring.countUnscored(runId, run.getScorerKey())).isZero();
        RunQueries.Progress progress = queries.progress(run);
        assertThat(List.of(progress.total(), progress.generated(), progress.scored() + progress.unscorable(),
                progress.failed())).containsExactly(20L, 20L, 20L, 0L);
        FlamesMetrics.Result result = metrics.compute(runId);
        assertThat(result.pending()).isZero();
        assertThat(result.failed()).isZero();
        assertThat(result.scoredAnswers() + result.unscorable()).isEqualTo(20);
        assertThat(queries.items(run, null, null, null, null, 0, 100).total()).isEqualTo(20);
        EnumMap<ItemOutcome, Long> outcomes = new EnumMap<>(progress.outcomes());
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
    }

    private static final java.util.Set<BatchStatus> FINISHED = java.util.EnumSet.of(BatchStatus.COMPLETED,
            BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

    /** The newest execution of {@code job} whose parameter {@code name} is {@code value}. */
    private static JobExecution lastExecution(String job, String name, long value) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution found = null;
        for (JobInstance instance : operator.getJobInstances(job, 0, operator.getJobInstanceCount(job))) {
            for (JobExecution e : operator.getJobExecutions(instance)) {
                Properties p = e.getJobParameters();
                if (p != null && Long.toString(value).equals(p.getProperty(name))
                        && (found == null || e.getExecutionId() > found.getExecutionId())) {
                    found = e;
                }
            }
        }
        assertThat(found).as("an execution of %s with %s=%d", job, name, value).isNotNull();
        return found;
    }

    /** Each step's metrics by step name, in the order the steps ran. */
    private static Map<String, Map<Metric.MetricType, Long>> stepMetrics(long executionId) {
        Map<String, Map<Metric.MetricType, Long>> out = new LinkedHashMap<>();
        for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(executionId)) {
            Map<Metric.MetricType, Long> m = new EnumMap<>(Metric.MetricType.class);
            Arrays.stream(step.getMetrics()).forEach(metric -> m.put(metric.getType(), metric.getValue()));
            out.put(step.getStepName(), m);
        }
        return out;
    }
}
