package org.flamesaudit.support;

/** An id that names nothing; the API turns it into a 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
