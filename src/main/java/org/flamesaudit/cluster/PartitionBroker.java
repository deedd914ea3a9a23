package org.flamesaudit.cluster;

import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSConnectionFactory;

import java.util.Optional;

/**
 * The Apache ActiveMQ Artemis broker that partitions of distributed runs travel through, shared by every node: the
 * partition queue (partitions out, results back, told apart by message properties), the stop topic, and this
 * node's login. Configuration, from the environment (or the system property in brackets):
 * <ul>
 *     <li>{@code FLAMES_BROKER_URL} ({@code flames.broker.url}): the broker, for example
 *     {@code tcp://broker.example:61616}; without it the node takes no partitions and refuses distributed runs;</li>
 *     <li>{@code FLAMES_BROKER_USER} ({@code flames.broker.user}), default {@code flames-node};</li>
 *     <li>{@code FLAMES_BROKER_PASSWORD} ({@code flames.broker.password}): required with the URL.</li>
 * </ul>
 * A partition is Java-serialized JBeret state, so this client deserializes only JBeret's and the JDK's types.
 */
public final class PartitionBroker implements AutoCloseable {

    static final String QUEUE = "flames.partitions";
    static final String STOP_TOPIC = "flames.partition-stops";
    static final String TYPE = "flamesType";
    static final String PARTITION = "partition";
    static final String RESULT = "result";
    static final String STEP_EXECUTION_ID = "stepExecutionId";
    static final String JOB_EXECUTION_ID = "jobExecutionId";
    static final String NODE = "node";
    static final String PARTITION_ID = "partitionId";
    /** On a result: the worker could not run the partition at all; the body is the reason, as text. */
    static final String REFUSED = "refused";
    private static final String ALLOWED_TYPES = "org.jberet.runtime,org.jberet.job.model,org.jberet.spi,"
            + "jakarta.batch.runtime,java.util,java.lang,java.math";

    private final ActiveMQJMSConnectionFactory factory;
    private final String url;
    private final String user;

    private PartitionBroker(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.factory = new ActiveMQJMSConnectionFactory(url, user, password);
        factory.setDeserializationAllowList(ALLOWED_TYPES);
        // a broker restart must not strand a waiting step or a worker: reconnect for as long as it takes
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(1000);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(10_000);
    }

    /** What is missing for this node to take part in distributed runs, if anything. */
    public static Optional<String> missingConfiguration() {
        if (org.flamesaudit.support.Setting.BROKER_URL.value().orElse(null) == null) {
            return Optional.of("FLAMES_BROKER_URL is not set (the Artemis broker every node shares, for example "
                    + "tcp://broker.example:61616; README, Several nodes)");
        }
        if (org.flamesaudit.support.Setting.BROKER_PASSWORD.value().orElse(null) == null) {
            return Optional.of("FLAMES_BROKER_PASSWORD is not set (the password of the broker account " + user()
                    + ")");
        }
        return Optional.empty();
    }

    /** The configured broker; fails with a message saying what to configure. Close it when done. */
    public static PartitionBroker configured() {
        missingConfiguration().ifPresent(m -> {
            throw new IllegalStateException("distributed runs are not configured on this node: " + m);
        });
        return new PartitionBroker(org.flamesaudit.support.Setting.BROKER_URL.value().orElse(null), user(),
                org.flamesaudit.support.Setting.BROKER_PASSWORD.value().orElse(null));
    }

    /** Connects and logs in once; the broker's refusal or silence comes back as the exception's message. */
    public static void probe() {
        try (PartitionBroker broker = configured()) {
            try (JMSContext ignored = broker.createContext()) {
                // connected and logged in
            } catch (RuntimeException e) {
                throw new IllegalStateException(broker + ": " + e.getMessage(), e);
            }
        }
    }

    /** A new JMS context logged in as this node; the caller closes it. */
    JMSContext createContext() {
        return factory.createContext();
    }

    Queue queue(JMSContext context) {
        return context.createQueue(QUEUE);
    }

    Topic stopTopic(JMSContext context) {
        return context.createTopic(STOP_TOPIC);
    }

    static String resultSelector(long stepExecutionId) {
        return TYPE + " = '" + RESULT + "' AND " + STEP_EXECUTION_ID + " = " + stepExecutionId;
    }

    static String partitionSelector() {
        return TYPE + " = '" + PARTITION + "'";
    }

    static String stopSelector(long jobExecutionId) {
        return JOB_EXECUTION_ID + " = " + jobExecutionId;
    }

    @Override
    public void close() {
        factory.close();
    }

    @Override
    public String toString() {
        return url + " as " + user;
    }

    private static String user() {
        return org.flamesaudit.support.Setting.BROKER_USER.value().orElseThrow();
    }
}
