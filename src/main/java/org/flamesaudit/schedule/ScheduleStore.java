package org.flamesaudit.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.NotFoundException;

import java.time.Instant;
import java.util.List;

/** Persistence of schedules and their firings. */
@ApplicationScoped
@Transactional
public class ScheduleStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public Schedule create(ScheduleDefinition d, String user, Instant now) {
        Schedule s = new Schedule(d, user, now);
        em.persist(s);
        return s;
    }

    public Schedule update(long id, ScheduleDefinition d, String user, Instant now) {
        Schedule s = require(id);
        s.apply(d, user, now);
        return s;
    }

    public void delete(long id, String user, Instant now) {
        require(id).delete(user, now);
    }

    /** A schedule that exists and was not deleted; 404 otherwise. */
    public Schedule require(long id) {
        Schedule s = em.find(Schedule.class, id);
        if (s == null || s.isDeleted()) {
            throw new NotFoundException("schedule " + id + " does not exist");
        }
        return s;
    }

    public List<Schedule> list() {
        return em.createQuery("select s from Schedule s where s.deleted = false order by s.id", Schedule.class)
                .getResultList();
    }

    public List<Schedule> enabled() {
        return em.createQuery("select s from Schedule s where s.enabled = true and s.deleted = false order by s.id",
                Schedule.class).getResultList();
    }

    /** The latest slot handled for the schedule (by any node), or null. */
    public Instant lastHandledSlot(long scheduleId) {
        Long epoch = em.createQuery("select max(f.slotEpoch) from ScheduleFiring f where f.scheduleId = :s",
                Long.class).setParameter("s", scheduleId).getSingleResult();
        return epoch == null ? null : Instant.ofEpochSecond(epoch);
    }

    /**
     * Inserts the firing row for a slot in a transaction of its own and commits it, so that the unique key decides
     * which node owns the slot before any run exists. Throws when the slot is taken (or the database fails).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long claim(long scheduleId, CronSlots.Due due, ScheduleFiring.Status status, String node, Instant now) {
        ScheduleFiring f = new ScheduleFiring(scheduleId, due.slot(), status, due.missedBefore(), node, now);
        em.persist(f);
        em.flush();
        return f.getId();
    }

    public boolean slotTaken(long scheduleId, Instant slot) {
        return !em.createQuery("select f.id from ScheduleFiring f where f.scheduleId = :s and f.slotEpoch = :e",
                        Long.class).setParameter("s", scheduleId).setParameter("e", slot.getEpochSecond())
                .setMaxResults(1).getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fired(long firingId, long runId) {
        em.find(ScheduleFiring.class, firingId).fired(runId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long firingId, String error) {
        em.find(ScheduleFiring.class, firingId).failed(error);
    }

    /**
     * Firings this node had claimed but not finished when it stopped: marked FAILED, linked to the run the
     * schedule started at that moment if there is one. Returns how many.
     */
    public int failInterruptedFirings(String node) {
        List<ScheduleFiring> claimed = em.createQuery("select f from ScheduleFiring f where f.status = :s "
                        + "and f.nodeName = :n", ScheduleFiring.class)
                .setParameter("s", ScheduleFiring.Status.CLAIMED).setParameter("n", node).getResultList();
        for (ScheduleFiring f : claimed) {
            List<Long> run = em.createQuery("select r.id from AuditRun r where r.scheduleId = :s "
                            + "and r.createdAt >= :t and r.nodeName = :n and not exists (select 1 from ScheduleFiring o "
                            + "where o.runId = r.id) order by r.id", Long.class)
                    .setParameter("s", f.getScheduleId()).setParameter("t", f.getHandledAt()).setParameter("n", node)
                    .setMaxResults(1).getResultList();
            f.failed("interrupted: the server stopped while starting this slot's run"
                    + (run.isEmpty() ? "; no run was created" : "; run " + run.get(0) + " was created"));
            if (!run.isEmpty()) {
                f.linkRun(run.get(0));
            }
        }
        return claimed.size();
    }

    public List<ScheduleFiring> firings(long scheduleId, int page, int size) {
        return em.createQuery("select f from ScheduleFiring f where f.scheduleId = :s order by f.slotEpoch desc",
                        ScheduleFiring.class).setParameter("s", scheduleId)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long countFirings(long scheduleId) {
        return em.createQuery("select count(f) from ScheduleFiring f where f.scheduleId = :s", Long.class)
                .setParameter("s", scheduleId).getSingleResult();
    }
}
