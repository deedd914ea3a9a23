package org.flamesaudit.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/** Persistence of the login entries of the audit log. */
@ApplicationScoped
@Transactional
public class LoginEventStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /**
     * Chains the entries this class writes into the tamper-evident audit log just after their transaction ends, not
     * inside it: a login (or a stranger's failed one) never waits on the chain's lock.
     */
    @jakarta.inject.Inject
    org.flamesaudit.auditchain.ChainSealer sealer;

    public void record(LoginEvent event) {
        em.persist(event);
        sealer.sealAfterCommit();
    }

    /** The newest {@code max} entries, newest first. */
    public List<LoginEvent> newest(int max) {
        return em.createQuery("select e from LoginEvent e order by e.at desc, e.id desc", LoginEvent.class)
                .setMaxResults(max).getResultList();
    }
}
