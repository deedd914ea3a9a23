package org.flamesaudit.cluster;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.cluster} (and its subpackages): ids FLAMES001300 to
 * FLAMES001399, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ClusterLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ClusterLogger.FIRST_ID, max = ClusterLogger.LAST_ID)
public interface ClusterLogger extends BasicLogger {

    int FIRST_ID = 1300;
    int LAST_ID = 1399;

    @LogMessage(level = INFO)
    @Message(id = 1300, value = "step %s (step execution %s) sends its partitions through the broker %s")
    void stepUsesBroker(String step, long stepExecutionId, Object broker);

    @LogMessage(level = ERROR)
    @Message(id = 1301, value = "unreadable partition result for step execution %s from node %s; the partition fails")
    void unreadablePartitionResult(long stepExecutionId, String node, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 1302, value = "the unreadable result names no partition of step execution %s")
    void unreadableResultWithoutPartition(long stepExecutionId, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 1303, value = "partition %s of step execution %s finished %s on node %s")
    void partitionFinished(int partitionId, long stepExecutionId, Object batchStatus, String node);

    @LogMessage(level = INFO)
    @Message(id = 1304, value = "stop of job execution %s sent to the partition workers")
    void stopSent(long jobExecutionId);

    @LogMessage(level = ERROR)
    @Message(id = 1305, value = "could not send the stop of job execution %s to the partition workers")
    void stopNotSent(long jobExecutionId, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 1306, value = "this node takes no partitions of distributed runs: %s")
    void noPartitionsOnThisNode(String why);

    @LogMessage(level = INFO)
    @Message(id = 1307, value = "node %s takes partitions of distributed runs from %s")
    void takesPartitions(String node, Object broker);

    @LogMessage(level = WARN)
    @Message(id = 1308, value = "node %s cannot reach the partition broker %s (%s); trying again every %s s. "
            + "Check FLAMES_BROKER_URL, FLAMES_BROKER_USER and FLAMES_BROKER_PASSWORD")
    void brokerUnreachable(String node, Object broker, String error, long retrySeconds, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 1309, value = "node %s could not run a partition sent by node %s; the step fails")
    void partitionNotRun(String node, String sender, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 1310, value = "stop of job execution %s received by partition %s of step %s")
    void stopReceived(long jobExecutionId, int partitionId, String step);

    @LogMessage(level = INFO)
    @Message(id = 1311, value = "node %s runs partition %s of step %s of job execution %s (sent by node %s)")
    void runsPartition(String node, int partitionId, String step, long jobExecutionId, String sender);
}
