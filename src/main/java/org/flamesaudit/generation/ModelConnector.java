package org.flamesaudit.generation;

/**
 * Calls the model under test with one prompt. Implementations are thread-safe: one instance serves every partition
 * of a run. They throw {@link ProviderException} subtypes so the retry decision stays in one place
 * ({@link RetryingCaller}).
 */
public interface ModelConnector extends AutoCloseable {

    /** Connector type as written in the run's target configuration, e.g. {@code openai-compatible}. */
    String type();

    Generation generate(String prompt) throws ProviderException;

    /** Ends every call in flight at once and refuses new ones (the run was stopped); the default has none to end. */
    default void abortCalls() {
    }

    @Override
    default void close() {
    }
}
