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

    public void record(LoginEvent event) {
        em.persist(event);
    }

    /** The newest {@code max} entries, of one account when {@code username} is not null. */
    public List<LoginEvent> newest(String username, int max) {
        // two queries rather than "(:u is null or ...)": PostgreSQL cannot type a parameter that is only null-tested
        return (username == null
                ? em.createQuery("select e from LoginEvent e order by e.at desc, e.id desc", LoginEvent.class)
                : em.createQuery("select e from LoginEvent e where e.username = :u order by e.at desc, e.id desc",
                        LoginEvent.class).setParameter("u", username))
                .setMaxResults(max).getResultList();
    }
}
