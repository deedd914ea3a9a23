package org.flamesaudit.api;

import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.NotFoundException;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Maps every exception to a JSON error body {@code {"error", "code", "field"?}}: 400 {@code invalid} (a field or a
 * parameter, named in {@code field}), 400 {@code bad_json}, 404 {@code not_found}, 409 {@code conflict}, other
 * statuses of the JAX-RS runtime by name ({@code method_not_allowed}, {@code unsupported_media_type}...), 500
 * {@code internal} with an incident id that the server log repeats beside the stack trace. Messages are cut at
 * {@link #MAX_MESSAGE} characters, so an error answer never echoes a large request, and a 500 names no internals.
 */
public final class ApiErrors {

    private static final ApiLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ApiLogger.class,
            ApiErrors.class.getName());

    /** The longest message an error answer carries. */
    static final int MAX_MESSAGE = 2000;

    private ApiErrors() {
    }

    static Response error(Response.Status status, String message, String field) {
        return error(status, codeOf(status), message, field);
    }

    static Response error(Response.Status status, String code, String message, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message == null ? status.getReasonPhrase() : message, field)).build();
    }

    /** The error body: {@code {"error", "code", "field"?}}, the message cut at {@link #MAX_MESSAGE} characters. */
    static ErrorBody body(String code, String message, String field) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
        return new ErrorBody(text, code, field);
    }

    /** {@code {"error", "code", "field"?}}; {@code field}, left out when null, names what is at fault. */
    public record ErrorBody(String error, String code, String field) {
    }

    /** The parameter a JAX-RS runtime message says it could not convert, if it says so. */
    static java.util.Optional<String> unconvertibleParameter(String runtimeMessage) {
        java.util.regex.Matcher m = PARAMETER.matcher(runtimeMessage == null ? "" : runtimeMessage);
        return m.find() ? java.util.Optional.of(m.group(2)) : java.util.Optional.empty();
    }

    /** What a 500 says: an incident id the log repeats beside the stack trace, and nothing of the exception. */
    static String internal(Throwable e) {
        String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.unexpectedError(incident, e);
        return "internal error (incident " + incident + "): the server log has the details";
    }

    /** The stable code of a status: the reason phrase in snake case ({@code 400} is {@code invalid}). */
    static String codeOf(Response.Status status) {
        if (status == Response.Status.BAD_REQUEST) {
            return "invalid";
        }
        if (status == Response.Status.INTERNAL_SERVER_ERROR) {
            return "internal";
        }
        return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "_");
    }

    /** RESTEasy's message when a path, query or header parameter cannot be converted to its declared type. */
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile(
            "(Query|Path|Header|Form|Matrix|Cookie)Param\\(\"([^\"]{1,100})\"\\)");

    @Provider
    public static class Configuration implements ExceptionMapper<ConfigurationException> {
        @Override
        public Response toResponse(ConfigurationException e) {
            return invalid(e);
        }
    }

    /** A 400 for a request that cannot work: the field, the message, and the kind of fault with its figures. */
    static Response invalid(ConfigurationException e) {
        String text = e.getMessage().length() > MAX_MESSAGE ? e.getMessage().substring(0, MAX_MESSAGE) + "..."
                : e.getMessage();
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new InvalidBody(text, codeOf(Response.Status.BAD_REQUEST), e.field(), e.kind().code(),
                        e.figures().isEmpty() ? null : new java.util.TreeMap<>(e.figures()))).build();
    }

    /**
     * {@code {"error", "code": "invalid", "field"?, "reason", "figures"?}}: {@code reason} is the kind of fault
     * (required, out_of_range, not_a_number, not_text, not_a_url, unknown_field or invalid), stable for clients to
     * translate; {@code figures} its numbers ({@code min}, {@code max} of out_of_range).
     */
    public record InvalidBody(String error, String code, String field, String reason,
                              java.util.Map<String, Object> figures) {
    }

    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage(), null);
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return error(Response.Status.CONFLICT, e.getMessage(), null);
        }
    }

    @Provider
    public static class BadJson implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return error(Response.Status.BAD_REQUEST, "bad_json", "request body is not valid JSON: " + e.getMessage(),
                    null);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof jakarta.ws.rs.NotFoundException) {
                // JAX-RS answers 404 when a query or path parameter cannot be converted: that is a bad request
                var parameter = unconvertibleParameter(e.getMessage());
                if (parameter.isPresent()) {
                    return error(Response.Status.BAD_REQUEST, "parameter \"" + parameter.get() + "\" does not have "
                            + "the type it needs (for example a whole number)", parameter.get());
                }
            }
            Response.Status s = Response.Status.fromStatusCode(e.getResponse().getStatus());
            return error(s == null ? Response.Status.BAD_REQUEST : s, e.getMessage(), null);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof ConfigurationException c) {
                    return invalid(c);
                }
                if (t instanceof NotFoundException n) {
                    return error(Response.Status.NOT_FOUND, n.getMessage(), null);
                }
                if (t instanceof ConflictException c) {
                    return error(Response.Status.CONFLICT, c.getMessage(), null);
                }
                if (thrownByTheJsonParser(t)) {
                    // e.g. a number of more digits than the parser accepts: the body is at fault, not the server
                    return error(Response.Status.BAD_REQUEST, "bad_json", "request body is not acceptable JSON: "
                            + t.getMessage(), null);
                }
                t = t.getCause();
            }
            return error(Response.Status.INTERNAL_SERVER_ERROR, internal(e), null);
        }

        /**
         * An unchecked exception the JSON parser (Parsson) threw itself, reading the request body: a number of more
         * digits than it accepts, an object nested deeper than its limit (a bare RuntimeException "Input is too deeply
         * nested", found by an attack), and the like. The body is at fault, not the server.
         */
        static boolean thrownByTheJsonParser(Throwable t) {
            StackTraceElement[] frames = t.getStackTrace();
            return t instanceof RuntimeException && frames.length > 0
                    && frames[0].getClassName().startsWith("org.eclipse.parsson.");
        }
    }
}
