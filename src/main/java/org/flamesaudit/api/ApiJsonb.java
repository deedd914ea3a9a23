package org.flamesaudit.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B instance that writes the API's response bodies. Without a resolver RESTEasy builds a new Jsonb for
 * every response (a ServiceLoader look-up of the provider and a fresh reflection of each record: the cost
 * BENCHMARKS.md measured for JSON-P look-ups); a Jsonb is thread-safe, so one serves every request. Its configuration
 * is JSON-B's default (null components left out, properties in name order), the same as {@code JsonbBuilder.create()},
 * so the unit tests that pin the bodies' JSON pin what the server writes.
 */
@Provider
public class ApiJsonb implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Holder.JSONB;
    }

    /** Made on first use, on a request thread, as RESTEasy would make its own. */
    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }
}
