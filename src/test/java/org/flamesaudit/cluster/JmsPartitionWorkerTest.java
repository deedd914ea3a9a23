package org.flamesaudit.cluster;

import org.flamesaudit.generation.RunHaltedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition's failure must reach the coordinator through a broker that deserializes only JDK and JBeret types: an
 * application exception travels as a JDK exception with its class name, message and stack trace (a halted
 * distributed run once waited for ever on a result the broker refused to read).
 */
class JmsPartitionWorkerTest {

    @Test
    void anApplicationExceptionTravelsAsAJdkExceptionWithItsClassAndMessage() throws IOException {
        RunHaltedException halt = new RunHaltedException("the model under test refused the call: HTTP 401");
        Exception portable = JmsPartitionWorker.portable(halt);
        assertThat(portable).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("org.flamesaudit.generation.RunHaltedException: the model under test refused the call: "
                        + "HTTP 401")
                .hasNoCause();
        assertThat(portable.getStackTrace()).isEqualTo(halt.getStackTrace());
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(portable); // serializable with JDK classes only
        }
    }

    @Test
    void anApplicationCauseInsideAJdkExceptionIsFlattenedToo() {
        RuntimeException wrapped = new RuntimeException("chunk failed",
                new RunHaltedException("the scorer refused the call"));
        assertThat(JmsPartitionWorker.portable(wrapped)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("java.lang.RuntimeException: chunk failed; caused by "
                        + "org.flamesaudit.generation.RunHaltedException: the scorer refused the call").hasNoCause();
    }

    @Test
    void jdkExceptionsAndNoExceptionPassUnchanged() {
        IllegalArgumentException jdk = new IllegalArgumentException("x");
        assertThat(JmsPartitionWorker.portable(jdk)).isSameAs(jdk);
        assertThat(JmsPartitionWorker.portable(null)).isNull();
    }
}
