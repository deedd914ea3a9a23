package org.flamesaudit.testsupport;

import java.util.function.BooleanSupplier;

/** Polling for in-container tests, where what they wait for (a job, an import) runs on the server's own threads. */
public final class Await {

    private Await() {
    }

    /** Checks {@code done} every 100 ms for up to 120 s; fails naming {@code what} when it never holds. */
    public static void until(BooleanSupplier done, String what) throws InterruptedException {
        until(done, () -> what);
    }

    /**
     * As {@link #until(BooleanSupplier, String)}, with a description computed when it times out (say, the state last
     * seen), so that a failure tells what was there instead.
     */
    public static void until(BooleanSupplier done, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 120 s waiting for " + what.get());
            }
            Thread.sleep(100);
        }
    }
}
