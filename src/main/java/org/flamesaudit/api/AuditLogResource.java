package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.review.ScoreReview;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.auditlog.AuditEvent;
import org.flamesaudit.auditlog.AuditLogService;
import org.flamesaudit.auditlog.ReviewEvent;
import org.flamesaudit.auditlog.ScheduleChange;
import org.flamesaudit.auditlog.UserChange;
import org.flamesaudit.auditlog.KeyChange;
import org.flamesaudit.auditlog.LoginEntry;

import java.util.Locale;

/** Who changed what and when: score reviews and schedule revisions, newest first. */
@Path("/audit-log")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    AuditLogService log;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    public JsonObject log(@QueryParam("type") String type, @QueryParam("runId") Long runId,
                          @QueryParam("scheduleId") Long scheduleId,
                          @QueryParam("page") @DefaultValue("0") int page,
                          @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        AuditLogService.Kind kind = null;
        if (type != null && !type.isBlank()) {
            kind = switch (type.strip().toLowerCase(Locale.ROOT)) {
                case "score", "score-review" -> AuditLogService.Kind.SCORE;
                case "schedule" -> AuditLogService.Kind.SCHEDULE;
                case "user" -> AuditLogService.Kind.USER;
                case "key" -> AuditLogService.Kind.KEY;
                case "login" -> AuditLogService.Kind.LOGIN;
                default -> throw new ConfigurationException("type", "must be score, schedule, user, key or login");
            };
        }
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (AuditEvent e : log.log(kind, runId, scheduleId, page, size)) {
            items.add(e instanceof ReviewEvent r ? review(r.review())
                    : e instanceof ScheduleChange c ? schedule(c)
                    : e instanceof UserChange u ? user(u) : e instanceof LoginEntry l ? login(l) : key((KeyChange) e));
        }
        return Jsons.JSON.createObjectBuilder().add("page", page).add("size", size).add("items", items).build();
    }

    static JsonObjectBuilder review(ScoreReview r) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("id", r.getId()).add("type", "score-review")
                .add("runId", r.getRunId()).add("promptId", r.getPromptId())
                .add("machineStatus", r.getMachineStatus()).add("newScore", r.getNewValue())
                .add("justification", r.getJustification()).add("user", r.getReviewer())
                .add("at", r.getCreatedAt().toString());
        if (r.getMachineValue() != null) b.add("machineScore", r.getMachineValue());
        if (r.getPreviousValue() != null) b.add("previousScore", r.getPreviousValue());
        return b;
    }

    private static JsonObjectBuilder schedule(ScheduleChange c) {
        return Jsons.JSON.createObjectBuilder().add("type", "schedule").add("scheduleId", c.scheduleId())
                .add("revision", c.revision()).add("action", c.action().name().toLowerCase(Locale.ROOT))
                .add("user", c.user()).add("at", c.at().toString()).add("changes", changes(c.changes()));
    }

    private static JsonObjectBuilder user(UserChange c) {
        return Jsons.JSON.createObjectBuilder().add("type", "user").add("username", c.username())
                .add("revision", c.revision()).add("action", c.action().name().toLowerCase(Locale.ROOT))
                .add("user", c.user()).add("at", c.at().toString()).add("changes", changes(c.changes()));
    }

    private static JsonObjectBuilder key(KeyChange c) {
        return Jsons.JSON.createObjectBuilder().add("type", "key").add("key", c.key())
                .add("revision", c.revision()).add("action", c.action().name().toLowerCase(Locale.ROOT))
                .add("user", c.user()).add("at", c.at().toString()).add("changes", changes(c.changes()));
    }

    private static JsonObjectBuilder login(LoginEntry l) {
        org.flamesaudit.users.LoginEvent e = l.event();
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("type", "login").add("id", e.getId())
                .add("action", e.getAction().name().toLowerCase(Locale.ROOT)).add("username", e.getUsername())
                .add("user", l.user()).add("at", e.getAt().toString()).add("node", e.getNodeName());
        if (e.getAddress() != null) b.add("address", e.getAddress());
        if (e.getFailures() != null) b.add("failures", e.getFailures());
        if (e.getWaitSeconds() != null) b.add("waitSeconds", e.getWaitSeconds());
        return b;
    }

    private static JsonObjectBuilder changes(java.util.Map<String, ScheduleChange.Change> diff) {
        JsonObjectBuilder changes = Jsons.JSON.createObjectBuilder();
        diff.forEach((field, change) -> changes.add(field, Jsons.JSON.createObjectBuilder()
                .add("old", value(change.oldValue())).add("new", value(change.newValue()))));
        return changes;
    }

    private static jakarta.json.JsonValue value(Object v) {
        if (v == null) return jakarta.json.JsonValue.NULL;
        if (v instanceof Boolean b) return b ? jakarta.json.JsonValue.TRUE : jakarta.json.JsonValue.FALSE;
        if (v instanceof Number n) return Jsons.JSON.createValue(n.longValue());
        return Jsons.JSON.createValue(v.toString());
    }
}
