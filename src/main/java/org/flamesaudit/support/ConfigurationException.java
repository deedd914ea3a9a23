package org.flamesaudit.support;

import java.util.Map;

/**
 * A request or configuration that cannot work, with the field it concerns (e.g. {@code target.baseUrl}) and a
 * message that tells the user what to do. The API turns it into a 400 whose body carries the field, the message and,
 * for the common kinds of fault, a stable {@link Kind} with its figures, which a client translates (the console
 * shows "必填" beside the field rather than the English message).
 */
public class ConfigurationException extends RuntimeException {

    /** The kind of fault, as the API names it ({@code "reason"}): stable, for clients to translate. */
    public enum Kind {
        /** Anything else: the message says what. */
        INVALID("invalid"),
        /** The field is missing or blank. */
        REQUIRED("required"),
        /** A number outside {@code min}..{@code max}. */
        OUT_OF_RANGE("out_of_range"),
        /** Not a number (or not an integer where one is needed). */
        NOT_A_NUMBER("not_a_number"),
        /** Not text where text is needed. */
        NOT_TEXT("not_text"),
        /** Not an http or https URL. */
        NOT_A_URL("not_a_url"),
        /** A field the request does not have. */
        UNKNOWN_FIELD("unknown_field");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String field;
    private final String reason;
    private final Kind kind;
    private final Map<String, Object> figures;

    public ConfigurationException(String field, String message) {
        this(field, message, Kind.INVALID, Map.of());
    }

    public ConfigurationException(String field, String message, Kind kind, Map<String, Object> figures) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
        this.reason = message;
        this.kind = kind;
        this.figures = Map.copyOf(figures);
    }

    /** "is required" of a field. */
    public static ConfigurationException required(String field) {
        return new ConfigurationException(field, "is required", Kind.REQUIRED, Map.of());
    }

    /** "must be between min and max" of a field. */
    public static ConfigurationException outOfRange(String field, Number min, Number max) {
        return new ConfigurationException(field, "must be between " + min + " and " + max, Kind.OUT_OF_RANGE,
                Map.of("min", min, "max", max));
    }

    /** The message without the field's name. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** The kind of fault ({@link Kind#INVALID} unless a more precise one is known). */
    public Kind kind() {
        return kind;
    }

    /** The kind's figures, e.g. {@code min} and {@code max} of {@link Kind#OUT_OF_RANGE}; empty for most. */
    public Map<String, Object> figures() {
        return figures;
    }
}
