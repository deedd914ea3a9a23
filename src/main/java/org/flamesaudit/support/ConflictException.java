package org.flamesaudit.support;

/** A request that is valid but impossible in the current state (e.g. restarting a completed run); a 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
