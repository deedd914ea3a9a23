package org.flamesaudit.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import org.flamesaudit.run.RunStore;
import org.jberet.creation.ArtifactFactoryWrapper;
import org.jberet.job.model.Chunk;
import org.jberet.job.model.Step;
import org.jberet.operations.AbstractJobOperator;
import org.jberet.operations.DelegatingJobOperator;
import org.jberet.runtime.JobExecutionImpl;
import org.jberet.runtime.PartitionExecutionImpl;
import org.jberet.runtime.context.AbstractContext;
import org.jberet.runtime.context.JobContextImpl;
import org.jberet.runtime.context.StepContextImpl;
import org.jberet.runtime.runner.AbstractRunner;
import org.jberet.runtime.runner.BatchletRunner;
import org.jberet.runtime.runner.ChunkRunner;
import org.jberet.spi.BatchEnvironment;
import org.jberet.spi.PartitionInfo;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.TimeUnit;

/**
 * This node's partition worker: from start-up it takes partitions of distributed runs from the broker's queue
 * (whichever node started the run, this one included) and runs each with this node's JBeret - its batch thread
 * pool, its job repository on the shared database, this deployment's batch artifacts - reporting the result back
 * through {@link JmsPartitionWorker}. A node without a configured broker takes none and says so.
 */
@ApplicationScoped
public class PartitionWorkers {

    private static final ClusterLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ClusterLogger.class,
            PartitionWorkers.class.getName());

    private static final long RETRY_SECONDS = 10;

    @Resource
    ContextService contextService;

    @Resource
    ManagedScheduledExecutorService executor;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<PartitionLifecycle> lifecycle;

    private volatile PartitionBroker broker;
    private volatile JMSContext queueContext;
    private volatile boolean closed;

    void onStart(@Observes @jakarta.annotation.Priority(org.flamesaudit.support.SchemaReady.PARTITIONS)
                 org.flamesaudit.support.SchemaReady event) {
        var missing = PartitionBroker.missingConfiguration();
        if (missing.isPresent()) {
            LOG.noPartitionsOnThisNode(missing.get());
            return;
        }
        broker = PartitionBroker.configured();
        // the broker's delivery thread is not the application's: run each delivery in this deployment's context
        MessageListener listener = contextService.createContextualProxy((MessageListener) this::onPartition,
                MessageListener.class);
        executor.execute(() -> connect(listener, true));
    }

    /** Subscribes to the partition queue; while the broker cannot be reached, tries again every few seconds. */
    private void connect(MessageListener listener, boolean first) {
        if (closed) {
            return;
        }
        try {
            JMSContext context = broker.createContext();
            context.createConsumer(broker.queue(context), PartitionBroker.partitionSelector()).setMessageListener(listener);
            queueContext = context;
            LOG.takesPartitions(org.flamesaudit.support.AppConfig.nodeName(), broker);
        } catch (RuntimeException e) {
            if (first) {
                LOG.brokerUnreachable(org.flamesaudit.support.AppConfig.nodeName(), broker, e.getMessage(),
                        RETRY_SECONDS, e);
            }
            executor.schedule(() -> connect(listener, false), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void onPartition(Message message) {
        PartitionInfo info;
        try {
            info = (PartitionInfo) ((ObjectMessage) message).getObject();
            run(info, message);
        } catch (JMSException | RuntimeException e) {
            LOG.partitionNotRun(org.flamesaudit.support.AppConfig.nodeName(),
                    JmsPartitionHandler.property(message, PartitionBroker.NODE), e);
            JmsPartitionWorker.refuse(broker, message, e.toString());
        }
    }

    private void run(PartitionInfo info, Message message) {
        AbstractJobOperator operator = jobOperator();
        BatchEnvironment environment = operator.getBatchEnvironment();
        JobExecutionImpl jobExecution = info.getJobExecution();
        Step step = info.getStep();
        PartitionExecutionImpl partition = info.getPartitionExecution();

        JMSContext stopListener = broker.createContext();
        stopListener.createConsumer(broker.stopTopic(stopListener),
                        PartitionBroker.stopSelector(jobExecution.getExecutionId()))
                .setMessageListener(stop -> {
                    LOG.stopReceived(jobExecution.getExecutionId(), partition.getPartitionId(), step.getId());
                    jobExecution.stop();
                });
        JobContextImpl jobContext = new JobContextImpl(jobExecution, null,
                new ArtifactFactoryWrapper(environment.getArtifactFactory()), operator.getJobRepository(), environment);
        StepContextImpl stepContext = new StepContextImpl(step, partition, new AbstractContext[]{jobContext});
        java.util.Properties parameters = jobExecution.getJobParameters();
        JmsPartitionWorker worker = new JmsPartitionWorker(broker, stopListener, () ->
                lifecycle.fire(new PartitionLifecycle(jobExecution.getExecutionId(), parameters, true)));
        Chunk chunk = step.getChunk();
        AbstractRunner<StepContextImpl> runner = chunk == null
                ? new BatchletRunner(stepContext, null, step.getBatchlet(), worker)
                : new ChunkRunner(stepContext, null, chunk, environment.getTransactionManager(), worker);
        LOG.runsPartition(org.flamesaudit.support.AppConfig.nodeName(), partition.getPartitionId(), step.getId(),
                jobExecution.getExecutionId(), JmsPartitionHandler.property(message, PartitionBroker.NODE));
        lifecycle.fire(new PartitionLifecycle(jobExecution.getExecutionId(), parameters, false));
        try {
            environment.submitTask(runner);
        } catch (RuntimeException e) {
            lifecycle.fire(new PartitionLifecycle(jobExecution.getExecutionId(), parameters, true));
            throw e;
        }
    }

    private static AbstractJobOperator jobOperator() {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (operator instanceof DelegatingJobOperator delegating
                && delegating.getDelegate() instanceof AbstractJobOperator jberet) {
            return jberet;
        }
        if (operator instanceof AbstractJobOperator jberet) {
            return jberet;
        }
        throw new IllegalStateException("the batch runtime is not JBeret (" + operator.getClass().getName()
                + "); distributed runs need WildFly's batch-jberet subsystem");
    }

    @PreDestroy
    void close() {
        closed = true;
        if (queueContext != null) {
            queueContext.close();
        }
        if (broker != null) {
            broker.close();
            // the Artemis client's thread pools live in this deployment's class loader: end them with it
            org.apache.activemq.artemis.api.core.client.ActiveMQClient.clearThreadPools();
        }
    }
}
