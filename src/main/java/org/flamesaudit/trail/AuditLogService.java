package org.flamesaudit.trail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.schedule.Schedule;
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

    public enum Kind { SCORE, SCHEDULE }

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    ReviewService reviews;

    public List<AuditEvent> log(Kind kind, Long runId, Long scheduleId, int page, int size) {
        int wanted = (page + 1) * size;
        List<AuditEvent> events = new ArrayList<>();
        boolean scores = (kind == null || kind == Kind.SCORE) && scheduleId == null;
        boolean schedules = (kind == null || kind == Kind.SCHEDULE) && runId == null;
        if (scores) {
            reviews.log(runId, 0, wanted).forEach(r -> events.add(new ReviewEvent(r)));
        }
        if (schedules) {
            events.addAll(scheduleChanges(scheduleId));
        }
        events.sort(Comparator.comparing(AuditEvent::at).reversed());
        int from = Math.min(page * size, events.size());
        return List.copyOf(events.subList(from, Math.min(from + size, events.size())));
    }

    /** Every revision of one schedule (or of all), each compared with the revision before it. */
    @SuppressWarnings("unchecked")
    public List<ScheduleChange> scheduleChanges(Long scheduleId) {
        var query = AuditReaderFactory.get(em).createQuery()
                .forRevisionsOfEntity(Schedule.class, false, true)
                .addOrder(AuditEntity.id().asc()).addOrder(AuditEntity.revisionNumber().asc());
        if (scheduleId != null) {
            query.add(AuditEntity.id().eq(scheduleId));
        }
        List<Object[]> rows = query.getResultList();
        List<ScheduleChange> changes = new ArrayList<>();
        Schedule previous = null;
        for (Object[] row : rows) {
            Schedule s = (Schedule) row[0];
            RevisionInfo rev = (RevisionInfo) row[1];
            RevisionType type = (RevisionType) row[2];
            if (previous != null && !previous.getId().equals(s.getId())) {
                previous = null;
            }
            Map<String, ScheduleChange.Change> diff = new LinkedHashMap<>();
            for (var f : SCHEDULE_FIELDS.entrySet()) {
                Object now = type == RevisionType.DEL ? null : f.getValue().apply(s);
                Object before = previous == null ? null : f.getValue().apply(previous);
                if (previous == null || !Objects.equals(before, now)) {
                    diff.put(f.getKey(), new ScheduleChange.Change(before, now));
                }
            }
            ScheduleChange.Action action = previous == null ? ScheduleChange.Action.CREATED
                    : s.isDeleted() && !previous.isDeleted() ? ScheduleChange.Action.DELETED
                    : ScheduleChange.Action.CHANGED;
            changes.add(new ScheduleChange(s.getId(), rev.getId(), action, rev.getUsername(),
                    Instant.ofEpochMilli(rev.getRevisionAt()), diff));
            previous = s;
        }
        return changes;
    }
}
