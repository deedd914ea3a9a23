package org.flamesaudit.cluster;

import jakarta.jms.JMSContext;
import jakarta.jms.ObjectMessage;
import org.flamesaudit.audit.RunStore;
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

    JmsPartitionWorker(PartitionBroker broker, JMSContext stopListener) {
        this.broker = broker;
        this.stopListener = stopListener;
    }

    @Override
    public void reportData(Serializable data, AbstractStepExecution partition) throws Exception {
        try (JMSContext context = broker.createContext()) {
            ObjectMessage message = context.createObjectMessage(data);
            message.setStringProperty(PartitionBroker.TYPE, PartitionBroker.RESULT);
            message.setLongProperty(PartitionBroker.STEP_EXECUTION_ID, partition.getStepExecutionId());
            message.setStringProperty(PartitionBroker.NODE, RunStore.nodeName());
            context.createProducer().send(broker.queue(context), message);
        }
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
            message.setStringProperty(PartitionBroker.NODE, RunStore.nodeName());
            context.createProducer().send(broker.queue(context), message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("could not tell the coordinator that a partition was refused", e);
        }
    }

    @Override
    public void partitionDone(AbstractStepExecution partition) throws Exception {
        try {
            reportData((PartitionExecutionImpl) partition, partition);
        } finally {
            stopListener.close();
        }
    }
}
