package org.flamesaudit.support;

/**
 * A request or configuration that cannot work, with the field it concerns (e.g. {@code target.baseUrl}) and a
 * message that tells the user what to do. The API turns it into a 400.
 */
public class ConfigurationException extends RuntimeException {

    private final String field;
    private final String reason;

    public ConfigurationException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
        this.reason = message;
    }

    /** The message without the field's name. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
