package org.flamesaudit.api;

import java.util.List;

/**
 * The response bodies several resources share. Every body of the API is a record that JSON-B writes (see
 * {@link ApiJsonb}): a null component is left out, as the hand-built JSON-P bodies before them left absent values out;
 * a component that must appear as JSON {@code null} says so with {@code @JsonbNillable}. Records, and the classes
 * they are nested in, must be public: Yasson reads their components through public accessors only.
 */
public final class Bodies {

    private Bodies() {
    }

    /** {@code {"id"}}: what was created or acted on. */
    public record Id(long id) {
    }

    /** {@code {"items": [...]}}. */
    public record Items<T>(List<T> items) {
    }

    /** {@code {"total", "items": [...]}}: the first rows of {@code total}. */
    public record Counted<T>(long total, List<T> items) {
    }

    /** {@code {"total", "page", "size", "items": [...]}}: one page of {@code total} rows. */
    public record Paged<T>(long total, int page, int size, List<T> items) {
    }
}
