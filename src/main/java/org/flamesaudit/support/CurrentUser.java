package org.flamesaudit.support;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * Who is acting: the authenticated user of the HTTP request on this thread, or {@value #SYSTEM} for what the server
 * does by itself (batch jobs, the scheduler, start-up recovery). Records of who did what (a run's and a dataset's
 * creator, a report's renderer, the audit log, Envers revisions) all take the name from here.
 */
public final class CurrentUser {

    /** The name recorded for actions no person requested. */
    public static final String SYSTEM = "system";

    private CurrentUser() {
    }

    /** The user name of the request on this thread, or {@value #SYSTEM} when there is none. */
    public static String name() {
        try {
            HttpServletRequest request = CDI.current().select(HttpServletRequest.class).get();
            Principal p = request.getUserPrincipal();
            return p == null ? SYSTEM : p.getName();
        } catch (ContextNotActiveException | IllegalStateException e) {
            return SYSTEM; // no HTTP request on this thread
        }
    }
}
