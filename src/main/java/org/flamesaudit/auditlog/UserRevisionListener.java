package org.flamesaudit.auditlog;

import org.hibernate.envers.RevisionListener;


/**
 * Stamps each Envers revision with the authenticated user of the HTTP request that made the change, or
 * {@value #SYSTEM} for changes made by the server itself (batch jobs, the scheduler).
 */
public class UserRevisionListener implements RevisionListener {

    public static final String SYSTEM = org.flamesaudit.support.CurrentUser.SYSTEM;

    @Override
    public void newRevision(Object revisionEntity) {
        ((RevisionInfo) revisionEntity).setUsername(currentUser());
    }

    static String currentUser() {
        return org.flamesaudit.support.CurrentUser.name();
    }
}
