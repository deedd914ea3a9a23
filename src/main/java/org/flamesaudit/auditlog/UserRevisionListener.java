package org.flamesaudit.auditlog;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import org.hibernate.envers.RevisionListener;

import java.security.Principal;

/**
 * Stamps each Envers revision with the authenticated user of the HTTP request that made the change, or
 * {@value #SYSTEM} for changes made by the server itself (batch jobs, the scheduler).
 */
public class UserRevisionListener implements RevisionListener {

    public static final String SYSTEM = "system";

    @Override
    public void newRevision(Object revisionEntity) {
        ((RevisionInfo) revisionEntity).setUsername(currentUser());
    }

    static String currentUser() {
        try {
            HttpServletRequest request = CDI.current().select(HttpServletRequest.class).get();
            Principal p = request.getUserPrincipal();
            return p == null ? SYSTEM : p.getName();
        } catch (ContextNotActiveException | IllegalStateException e) {
            return SYSTEM; // no HTTP request on this thread
        }
    }
}
