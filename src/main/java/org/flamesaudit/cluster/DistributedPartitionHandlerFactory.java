package org.flamesaudit.cluster;

import org.jberet.runtime.context.StepContextImpl;
import org.jberet.runtime.runner.StepExecutionRunner;
import org.jberet.runtime.runner.ThreadPartitionHandlerFactory;
import org.jberet.spi.PartitionHandler;
import org.jberet.spi.PartitionHandlerFactory;

import java.util.Properties;

/**
 * JBeret's partition handler for this application's jobs (META-INF/services: JBeret looks it up with the
 * deployment's class loader each time a partitioned step starts). A run started with the job parameter
 * {@value #JOB_PARAMETER}{@code =true} sends its partitions through the broker to every node; any other job keeps
 * JBeret's own handler, which runs each partition on a thread of this node.
 */
public class DistributedPartitionHandlerFactory implements PartitionHandlerFactory {

    public static final String JOB_PARAMETER = "distributed";

    @Override
    public PartitionHandler createPartitionHandler(StepContextImpl stepContext, StepExecutionRunner runner) {
        Properties parameters = stepContext.getJobContext().getJobParameters();
        if (parameters != null && Boolean.parseBoolean(parameters.getProperty(JOB_PARAMETER))) {
            return new JmsPartitionHandler(stepContext, PartitionBroker.configured());
        }
        return ThreadPartitionHandlerFactory.getInstance().createPartitionHandler(stepContext, runner);
    }
}
