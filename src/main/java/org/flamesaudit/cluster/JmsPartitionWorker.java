package org.flamesaudit.cluster;

import jakarta.jms.JMSContext;
import jakarta.jms.ObjectMessage;
import org.flamesaudit.run.RunStore;
import org.jberet.runtime.AbstractStepExecution;
import org.jberet.runtime.PartitionExecutionImpl;
import org.jberet.spi.PartitionWorker;

import java.io.Serializable;

/**
 * A worker node's side of one partition: JBeret's chunk or batchlet runner reports collector data and, at the end,
 * the partition's execution through this; both go back to the coordinator on the partition queue.
 */
final class JmsPartitionWorker implements PartitionWorker {

    private final PartitionBroker broker;
    private final JMSContext stopListener;
    private final Runnable ended;

    /** {@code ended} runs when the partition is done, before its result is sent back. */
    JmsPartitionWorker(PartitionBroker broker, JMSContext stopListener, Runnable ended) {
        this.broker = broker;
        this.stopListener = stopListener;
        this.ended = ended;
    }

    @Override
    public void reportData(Serializable data, AbstractStepExecution partition) throws Exception {
        try (JMSContext context = broker.createContext()) {
            ObjectMessage message = context.createObjectMessage(data);
            message.setStringProperty(PartitionBroker.TYPE, PartitionBroker.RESULT);
            message.setLongProperty(PartitionBroker.STEP_EXECUTION_ID, partition.getStepExecutionId());
            if (partition instanceof PartitionExecutionImpl p) {
                message.setIntProperty(PartitionBroker.PARTITION_ID, p.getPartitionId());
            }
            message.setStringProperty(PartitionBroker.NODE, org.flamesaudit.support.AppConfig.nodeName());
            context.createProducer().send(broker.queue(context), message);
        }
    }

    /**
     * The failure of a partition as the coordinator can read it: the broker deserializes only JDK and JBeret types
     * ({@link PartitionBroker}), so a failure with an application exception anywhere in its causes (a halt, a provider
     * error) travels as an {@code IllegalStateException} naming each cause's class and message, with the stack trace
     * of the outermost.
     */
    static Exception portable(Exception e) {
        boolean jdkOnly = true;
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            jdkOnly &= t.getClass().getName().startsWith("java.");
            text.append(text.length() == 0 ? "" : "; caused by ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        if (jdkOnly) {
            return e;
        }
        IllegalStateException plain = new IllegalStateException(text.toString());
        plain.setStackTrace(e.getStackTrace());
        return plain;
    }

    /** Tells the coordinator that a partition could not be run here at all, and why. */
    static void refuse(PartitionBroker broker, jakarta.jms.Message partition, String reason) {
        try (JMSContext context = broker.createContext()) {
            jakarta.jms.TextMessage message = context.createTextMessage(reason);
            message.setStringProperty(PartitionBroker.TYPE, PartitionBroker.RESULT);
            message.setBooleanProperty(PartitionBroker.REFUSED, true);
            message.setLongProperty(PartitionBroker.STEP_EXECUTION_ID,
                    partition.getLongProperty(PartitionBroker.STEP_EXECUTION_ID));
            message.setIntProperty(PartitionBroker.PARTITION_ID, partition.getIntProperty(PartitionBroker.PARTITION_ID));
            message.setStringProperty(PartitionBroker.NODE, org.flamesaudit.support.AppConfig.nodeName());
            context.createProducer().send(broker.queue(context), message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("could not tell the coordinator that a partition was refused", e);
        }
    }

    @Override
    public void partitionDone(AbstractStepExecution partition) throws Exception {
        try {
            ended.run();
            PartitionExecutionImpl done = (PartitionExecutionImpl) partition;
            done.setException(portable(done.getException()));
            reportData(done, partition);
        } finally {
            stopListener.close();
        }
    }
}
