package org.flamesaudit.auditlog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.schedule.Schedule;
import org.flamesaudit.users.AppUser;
import org.flamesaudit.keys.ApiKey;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The audit log: every review of a score (with its justification) and every Envers revision of a schedule, newest
 * first. Filters: one run's reviews, one schedule's revisions, or one kind.
 */
@ApplicationScoped
@Transactional
public class AuditLogService {

    /** The schedule fields the log compares between revisions, in display order. */
    private static final Map<String, Function<Schedule, Object>> SCHEDULE_FIELDS = new LinkedHashMap<>();

    static {
        SCHEDULE_FIELDS.put("name", Schedule::getName);
        SCHEDULE_FIELDS.put("cron", Schedule::getCron);
        SCHEDULE_FIELDS.put("zone", Schedule::getZoneId);
        SCHEDULE_FIELDS.put("datasetId", Schedule::getDatasetId);
        SCHEDULE_FIELDS.put("target", Schedule::getTargetConfig);
        SCHEDULE_FIELDS.put("scorer", Schedule::getScorerConfig);
        SCHEDULE_FIELDS.put("concurrency", Schedule::getConcurrency);
        SCHEDULE_FIELDS.put("limit", Schedule::getPromptLimit);
        SCHEDULE_FIELDS.put("enabled", Schedule::isEnabled);
        SCHEDULE_FIELDS.put("missedFirings", s -> s.getMissedFirings().label());
        SCHEDULE_FIELDS.put("deleted", Schedule::isDeleted);
    }

    /** The account fields the log compares: never the password hash, only when the password changed. */
    private static final Map<String, Function<AppUser, Object>> USER_FIELDS = new LinkedHashMap<>();

    static {
        USER_FIELDS.put("roles", u -> u.getRoles() == null ? null : String.join(",", u.getRoles()));
        USER_FIELDS.put("enabled", AppUser::isEnabled);
        USER_FIELDS.put("passwordChangedAt", u -> u.getPasswordChangedAt() == null ? null
                : u.getPasswordChangedAt().toString());
    }

    /** The fields of an API key's registration the log compares: its endpoints and when its key was set. */
    private static final Map<String, Function<ApiKey, Object>> KEY_FIELDS = new LinkedHashMap<>();

    static {
        KEY_FIELDS.put("endpoints", k -> k.getEndpoints().isEmpty() ? null : String.join(" ", k.getEndpoints()));
        KEY_FIELDS.put("keySetAt", k -> k.getKeySetAt() == null ? null : k.getKeySetAt().toString());
    }

    public enum Kind { SCORE, SCHEDULE, USER, KEY, LOGIN, ACCEPTANCE, ACTION }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    ReviewService reviews;

    @Inject
    org.flamesaudit.users.LoginEventStore logins;

    @Inject
    org.flamesaudit.run.RunStore runs;

    @Inject
    org.flamesaudit.actionlog.ActionLog actions;

    public List<AuditEvent> log(Kind kind, Long runId, Long scheduleId, int page, int size) {
        int wanted = (page + 1) * size;
        List<AuditEvent> events = new ArrayList<>();
        boolean scores = (kind == null || kind == Kind.SCORE) && scheduleId == null;
        boolean schedules = (kind == null || kind == Kind.SCHEDULE) && runId == null;
        if (scores) {
            List<org.flamesaudit.review.ScoreReview> found = reviews.log(runId, 0, wanted);
            Map<Long, Integer> lines = lines(found.stream().map(org.flamesaudit.review.ScoreReview::getPromptId)
                    .distinct().toList());
            found.forEach(r -> events.add(new ReviewEvent(r, lines.get(r.getPromptId()))));
        }
        if (schedules) {
            events.addAll(scheduleChanges(scheduleId));
        }
        if ((kind == null || kind == Kind.USER) && runId == null && scheduleId == null) {
            events.addAll(userChanges(null));
        }
        if ((kind == null || kind == Kind.KEY) && runId == null && scheduleId == null) {
            events.addAll(keyChanges(null));
        }
        if ((kind == null || kind == Kind.LOGIN) && runId == null && scheduleId == null) {
            logins.newest(wanted).forEach(e -> events.add(new LoginEntry(e)));
        }
        if ((kind == null || kind == Kind.ACCEPTANCE) && scheduleId == null) {
            runs.acceptances(runId, wanted).forEach(a -> events.add(new AcceptanceEntry(a)));
        }
        if ((kind == null || kind == Kind.ACTION) && scheduleId == null) {
            actions.newest(runId, wanted).forEach(a -> events.add(new ActionEntry(a)));
        }
        events.sort(Comparator.comparing(AuditEvent::at).reversed());
        int from = Math.min(page * size, events.size());
        return List.copyOf(events.subList(from, Math.min(from + size, events.size())));
    }

    /** The line in its prompt file of each prompt, by prompt id. */
    private Map<Long, Integer> lines(List<Long> promptIds) {
        Map<Long, Integer> lines = new java.util.HashMap<>();
        for (int from = 0; from < promptIds.size(); from += 500) {
            List<Long> chunk = promptIds.subList(from, Math.min(from + 500, promptIds.size()));
            em.createQuery("select p.id, p.lineNumber from Prompt p where p.id in :ids", Object[].class)
                    .setParameter("ids", chunk).getResultStream()
                    .forEach(row -> lines.put((Long) row[0], (Integer) row[1]));
        }
        return lines;
    }

    /** Every revision of one schedule (or of all), each compared with the revision before it. */
    public List<ScheduleChange> scheduleChanges(Long scheduleId) {
        return revisions(Schedule.class, scheduleId, SCHEDULE_FIELDS, Schedule::getId).stream()
                .map(r -> new ScheduleChange(r.entity().getId(), r.info().getId(),
                        r.previous() == null ? ScheduleChange.Action.CREATED
                                : r.entity().isDeleted() && !r.previous().isDeleted()
                                ? ScheduleChange.Action.DELETED : ScheduleChange.Action.CHANGED,
                        r.info().getUsername(), Instant.ofEpochMilli(r.info().getRevisionAt()), r.diff()))
                .toList();
    }

    /** Every revision of one account (or of all) the admin manages; never a password or its hash. */
    public List<UserChange> userChanges(String username) {
        return changes(AppUser.class, username, USER_FIELDS, AppUser::getUsername, UserChange::new);
    }

    /** Every revision of one API key's registration (or of all): endpoints and key rotations, never a key. */
    public List<KeyChange> keyChanges(String keyRef) {
        return changes(ApiKey.class, keyRef, KEY_FIELDS, ApiKey::getKeyRef, KeyChange::new);
    }

    /** An audit-log entry of an entity keyed by name: an account or an API key. */
    private interface NamedChange<E> {
        E of(String id, long revision, ScheduleChange.Action action, String user, Instant at,
             Map<String, ScheduleChange.Change> changes);
    }

    private <T, E> List<E> changes(Class<T> type, String id, Map<String, Function<T, Object>> fields,
                                   Function<T, Object> idOf, NamedChange<E> entry) {
        return revisions(type, id, fields, idOf).stream()
                .map(r -> entry.of(r.id().toString(), r.info().getId(),
                        r.previous() == null ? ScheduleChange.Action.CREATED
                                : r.type() == RevisionType.DEL ? ScheduleChange.Action.DELETED
                                : ScheduleChange.Action.CHANGED,
                        r.info().getUsername(), Instant.ofEpochMilli(r.info().getRevisionAt()), r.diff()))
                .toList();
    }

    private record Revision<T>(Object id, T entity, T previous, RevisionInfo info, RevisionType type,
                               Map<String, ScheduleChange.Change> diff) {
    }

    /** The Envers revisions of one entity (or all of a type), each with the fields that differ from the one before. */
    @SuppressWarnings("unchecked")
    private <T> List<Revision<T>> revisions(Class<T> type, Object id, Map<String, Function<T, Object>> fields,
                                            Function<T, Object> idOf) {
        var query = AuditReaderFactory.get(em).createQuery()
                .forRevisionsOfEntity(type, false, true)
                .addOrder(AuditEntity.id().asc()).addOrder(AuditEntity.revisionNumber().asc());
        if (id != null) {
            query.add(AuditEntity.id().eq(id));
        }
        List<Object[]> rows = query.getResultList();
        List<Revision<T>> revisions = new ArrayList<>();
        T previous = null;
        for (Object[] row : rows) {
            T entity = (T) row[0];
            RevisionType kind = (RevisionType) row[2];
            Object entityId = idOf.apply(entity);
            if (previous != null && !Objects.equals(idOf.apply(previous), entityId)) {
                previous = null;
            }
            Map<String, ScheduleChange.Change> diff = new LinkedHashMap<>();
            for (var f : fields.entrySet()) {
                Object now = kind == RevisionType.DEL ? null : f.getValue().apply(entity);
                Object before = previous == null ? null : f.getValue().apply(previous);
                if (previous == null || !Objects.equals(before, now)) {
                    diff.put(f.getKey(), new ScheduleChange.Change(before, now));
                }
            }
            revisions.add(new Revision<>(entityId, entity, previous, (RevisionInfo) row[1], kind, diff));
            previous = entity;
        }
        return revisions;
    }
}
