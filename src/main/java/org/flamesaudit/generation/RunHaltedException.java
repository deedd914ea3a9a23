package org.flamesaudit.generation;

/**
 * The run must stop: its provider refuses every call (see {@link CircuitBreaker}). Thrown out of the chunk so that
 * the current item is rolled back and stays pending; the run ends STOPPED with the reason, and can be restarted.
 */
public class RunHaltedException extends RuntimeException {

    public RunHaltedException(String reason) {
        super(reason);
    }
}
