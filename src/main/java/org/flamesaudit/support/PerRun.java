package org.flamesaudit.support;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Something built once per run on this node and shared by the run's partitions here (a connector, a scorer), until
 * it is released: built by the first {@link #get}, closed by {@link #release}. Thread-safe.
 *
 * @param <T> what is held per run
 */
public final class PerRun<T> {

    private final ConcurrentMap<Long, T> byRun = new ConcurrentHashMap<>();
    private final LongFunction<T> build;
    private final Consumer<T> close;

    /** {@code build} makes the run's instance (and may throw what a misconfiguration throws); {@code close} ends it. */
    public PerRun(LongFunction<T> build, Consumer<T> close) {
        this.build = build;
        this.close = close;
    }

    /** The run's instance, built now if there is none on this node. */
    public T get(long runId) {
        return byRun.computeIfAbsent(runId, build::apply);
    }

    /** The run's instance if one was built on this node and not released. */
    public Optional<T> existing(long runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    /** Closes and forgets the run's instance, if any; the next {@link #get} builds a new one. */
    public void release(long runId) {
        T t = byRun.remove(runId);
        if (t != null) {
            close.accept(t);
        }
    }
}
