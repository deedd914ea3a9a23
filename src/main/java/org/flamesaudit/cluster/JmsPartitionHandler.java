package org.flamesaudit.cluster;

import jakarta.batch.runtime.BatchStatus;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import org.flamesaudit.run.RunStore;
import org.jberet.runtime.JobStopNotificationListener;
import org.jberet.runtime.PartitionExecutionImpl;
import org.jberet.runtime.context.StepContextImpl;
import org.jberet.spi.PartitionHandler;
import org.jberet.spi.PartitionInfo;
import org.jboss.logging.Logger;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The coordinator's side of a distributed step, on the node that runs the job: each partition goes to the queue as
 * JBeret's {@link PartitionInfo} (the job execution, the partition's resolved step and its execution); the
 * results come back on the same queue, selected by this step execution's id, and are handed to JBeret's step
 * runner exactly as its own thread partitions hand theirs: collector data, and at the end the partition's
 * execution, which JBeret then stores and counts. A STOP of the job is published to the workers.
 */
final class JmsPartitionHandler implements PartitionHandler, JobStopNotificationListener {

    private static final ClusterLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ClusterLogger.class,
            JmsPartitionHandler.class.getName());

    private final PartitionBroker broker;
    private final JMSContext results;
    private final JMSContext producer;
    private volatile BlockingQueue<Boolean> completedPartitions;
    private volatile BlockingQueue<Serializable> collectorData;

    JmsPartitionHandler(StepContextImpl stepContext, PartitionBroker broker) {
        this.broker = broker;
        this.results = broker.createContext();
        this.producer = broker.createContext();
        long stepExecutionId = stepContext.getStepExecutionId();
        results.createConsumer(broker.queue(results), PartitionBroker.resultSelector(stepExecutionId))
                .setMessageListener(message -> onResult(stepContext, message));
        LOG.stepUsesBroker(stepContext.getStepName(), stepExecutionId, broker);
    }

    @Override
    public void setResourceTracker(BlockingQueue<Boolean> completedPartitions) {
        this.completedPartitions = completedPartitions;
    }

    @Override
    public void setCollectorDataQueue(BlockingQueue<Serializable> collectorData) {
        this.collectorData = collectorData;
    }

    @Override
    public void submitPartitionTask(StepContextImpl partitionContext, int index, int count) throws Exception {
        PartitionExecutionImpl execution = (PartitionExecutionImpl) partitionContext.getStepExecution();
        PartitionInfo info = new PartitionInfo(execution, partitionContext.getStep(),
                partitionContext.getJobContext().getJobExecution());
        ObjectMessage message = producer.createObjectMessage(info);
        message.setStringProperty(PartitionBroker.TYPE, PartitionBroker.PARTITION);
        message.setLongProperty(PartitionBroker.JOB_EXECUTION_ID, partitionContext.getJobContext().getExecutionId());
        message.setLongProperty(PartitionBroker.STEP_EXECUTION_ID, execution.getStepExecutionId());
        message.setIntProperty(PartitionBroker.PARTITION_ID, execution.getPartitionId());
        message.setStringProperty(PartitionBroker.NODE, org.flamesaudit.support.AppConfig.nodeName());
        producer.createProducer().send(broker.queue(producer), message);
    }

    private void onResult(StepContextImpl stepContext, Message message) {
        Serializable data;
        try {
            data = message.getBooleanProperty(PartitionBroker.REFUSED) ? refused(stepContext, message)
                    : ((ObjectMessage) message).getObject();
        } catch (JMSException | RuntimeException e) {
            // an unreadable result must not leave the step waiting for ever: its partition fails with the reason
            LOG.unreadablePartitionResult(stepContext.getStepExecutionId(), property(message, PartitionBroker.NODE), e);
            try {
                data = failed(stepContext, message, "its result could not be read (" + e + ")");
            } catch (JMSException | RuntimeException unknown) {
                LOG.unreadableResultWithoutPartition(stepContext.getStepExecutionId(), unknown);
                return;
            }
        }
        if (data instanceof PartitionExecutionImpl finished) {
            // the worker's copy replaces the one sent: JBeret stores it and adds its metrics to the step's
            List<PartitionExecutionImpl> partitions = stepContext.getStepExecution().getPartitionExecutions();
            synchronized (partitions) {
                for (int i = 0; i < partitions.size(); i++) {
                    if (partitions.get(i).getPartitionId() == finished.getPartitionId()) {
                        partitions.set(i, finished);
                    }
                }
            }
            LOG.partitionFinished(finished.getPartitionId(), stepContext.getStepExecutionId(),
                    finished.getBatchStatus(), property(message, PartitionBroker.NODE));
            BlockingQueue<Boolean> completed = completedPartitions;
            if (completed != null) {
                completed.offer(Boolean.TRUE);
            }
        }
        try {
            collectorData.put(data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A partition a worker could not even start: this node's copy of it, FAILED with the worker's reason. */
    private static PartitionExecutionImpl refused(StepContextImpl stepContext, Message message) throws JMSException {
        return failed(stepContext, message, message.getBody(String.class));
    }

    /** This node's copy of the message's partition, FAILED with {@code reason}. */
    private static PartitionExecutionImpl failed(StepContextImpl stepContext, Message message, String reason)
            throws JMSException {
        if (!message.propertyExists(PartitionBroker.PARTITION_ID)) {
            throw new IllegalStateException("the message has no " + PartitionBroker.PARTITION_ID);
        }
        int partitionId = message.getIntProperty(PartitionBroker.PARTITION_ID);
        for (PartitionExecutionImpl partition : stepContext.getStepExecution().getPartitionExecutions()) {
            if (partition.getPartitionId() == partitionId) {
                partition.setBatchStatus(BatchStatus.FAILED);
                partition.setException(new IllegalStateException("node " + property(message, PartitionBroker.NODE)
                        + " could not run partition " + partitionId + ": " + reason));
                return partition;
            }
        }
        throw new IllegalStateException("no partition " + partitionId + " in step execution "
                + stepContext.getStepExecutionId());
    }

    @Override
    public void stopRequested(long jobExecutionId) {
        try (JMSContext context = broker.createContext()) {
            Message stop = context.createMessage();
            stop.setLongProperty(PartitionBroker.JOB_EXECUTION_ID, jobExecutionId);
            context.createProducer().send(broker.stopTopic(context), stop);
            LOG.stopSent(jobExecutionId);
        } catch (JMSException | RuntimeException e) {
            LOG.stopNotSent(jobExecutionId, e);
        }
    }

    @Override
    public void close(StepContextImpl stepContext) {
        results.close();
        producer.close();
        broker.close();
    }

    static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            return "?";
        }
    }
}
