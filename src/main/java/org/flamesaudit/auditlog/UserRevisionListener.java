package org.flamesaudit.auditlog;

import org.flamesaudit.auditchain.ChainSealer;
import org.hibernate.envers.RevisionListener;


/**
 * Stamps each Envers revision with the authenticated user of the HTTP request that made the change, or
 * {@value #SYSTEM} for changes made by the server itself (batch jobs, the scheduler), and has the audit chain take it
 * in once its transaction has ended ({@link ChainSealer#sealAfterCommit}).
 */
public class UserRevisionListener implements RevisionListener {

    public static final String SYSTEM = org.flamesaudit.support.CurrentUser.SYSTEM;

    @Override
    public void newRevision(Object revisionEntity) {
        ((RevisionInfo) revisionEntity).setUsername(currentUser());
        announce();
    }

    /**
     * Asks the audit chain to seal after this transaction. Outside a container (Hibernate in unit tests) there is no
     * CDI and no chain to tell: the chain's start-up and periodic seals take the revision in.
     */
    private static void announce() {
        jakarta.enterprise.inject.spi.CDI<Object> cdi;
        try {
            cdi = jakarta.enterprise.inject.spi.CDI.current();
        } catch (IllegalStateException noContainer) {
            return;
        }
        cdi.select(ChainSealer.class).get().sealAfterCommit();
    }

    static String currentUser() {
        return org.flamesaudit.support.CurrentUser.name();
    }
}
