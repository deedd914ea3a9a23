package org.flamesaudit.api;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.NotFoundException;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps exceptions to JSON error bodies {@code {"error", "field"?}}: 400 invalid, 404 unknown id, 409 conflict. */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    private ApiErrors() {
    }

    static Response error(Response.Status status, String message, String field) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("error", message == null ? status.getReasonPhrase() : message);
        if (field != null) {
            b.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(b.build()).build();
    }

    @Provider
    public static class Configuration implements ExceptionMapper<ConfigurationException> {
        @Override
        public Response toResponse(ConfigurationException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
        }
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
            return error(Response.Status.BAD_REQUEST, "request body is not valid JSON: " + e.getMessage(), null);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
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
                    return error(Response.Status.BAD_REQUEST, c.getMessage(), c.field());
                }
                if (t instanceof NotFoundException n) {
                    return error(Response.Status.NOT_FOUND, n.getMessage(), null);
                }
                if (t instanceof ConflictException c) {
                    return error(Response.Status.CONFLICT, c.getMessage(), null);
                }
                if (thrownByTheJsonParser(t)) {
                    // e.g. a number of more digits than the parser accepts: the body is at fault, not the server
                    return error(Response.Status.BAD_REQUEST, "request body is not acceptable JSON: "
                            + t.getMessage(), null);
                }
                t = t.getCause();
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return error(Response.Status.INTERNAL_SERVER_ERROR, "internal error: " + e, null);
        }

        private static boolean thrownByTheJsonParser(Throwable t) {
            StackTraceElement[] frames = t.getStackTrace();
            return (t instanceof UnsupportedOperationException || t instanceof jakarta.json.JsonException
                    || t instanceof ArithmeticException || t instanceof NumberFormatException)
                    && frames.length > 0 && frames[0].getClassName().startsWith("org.eclipse.parsson.");
        }
    }
}
