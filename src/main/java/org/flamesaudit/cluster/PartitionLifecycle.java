package org.flamesaudit.cluster;

import java.util.Properties;

/**
 * A partition of a distributed job begins or has ended on this node: a CDI event, fired synchronously by
 * {@link PartitionWorkers} before the partition runs and when it is done (before its result goes back to the node
 * that runs the job), so that job-scoped resources on this node (connectors, scorers, circuit breakers) are built
 * and released with the partitions that use them and a breaker that opened here is recorded before the job ends.
 *
 * @param jobExecutionId the job execution the partition belongs to
 * @param jobParameters  the job's parameters (an audit job carries {@code runId})
 * @param ended          false when the partition is about to run, true when it is done (whatever its outcome)
 */
public record PartitionLifecycle(long jobExecutionId, Properties jobParameters, boolean ended) {
}
