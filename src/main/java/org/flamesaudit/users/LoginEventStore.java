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

    /** Chains the entry this class writes into the tamper-evident audit log, in the same transaction. */
    @jakarta.inject.Inject
    org.flamesaudit.auditchain.AuditChain chain;

    public void record(LoginEvent event) {
        em.persist(event);
        chain.seal();
    }

    /** The newest {@code max} entries, newest first. */
    public List<LoginEvent> newest(int max) {
        return em.createQuery("select e from LoginEvent e order by e.at desc, e.id desc", LoginEvent.class)
                .setMaxResults(max).getResultList();
    }
}
