package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.review.ScoreReview;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.auditchain.AuditChain;
import org.flamesaudit.auditchain.ChainVerification;
import org.flamesaudit.auditlog.AuditEvent;
import org.flamesaudit.auditlog.AuditLogService;
import org.flamesaudit.auditlog.ReviewEvent;
import org.flamesaudit.auditlog.ScheduleChange;
import org.flamesaudit.auditlog.UserChange;
import org.flamesaudit.auditlog.KeyChange;
import org.flamesaudit.auditlog.LoginEntry;
import org.flamesaudit.auditlog.AcceptanceEntry;
import org.flamesaudit.users.LoginEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Who changed what and when: score reviews, schedule, account and key revisions, logins; newest first. */
@Path("/audit-log")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    AuditLogService log;

    @Inject
    AuditChain chain;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public LogPage log(@QueryParam("type") String type, @QueryParam("runId") Long runId,
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
                case "acceptance" -> AuditLogService.Kind.ACCEPTANCE;
                case "action" -> AuditLogService.Kind.ACTION;
                default -> throw new ConfigurationException("type",
                        "must be score, schedule, user, key, login, acceptance or action");
            };
        }
        List<Entry> items = log.log(kind, runId, scheduleId, page, size).stream().map(AuditLogResource::entry).toList();
        return new LogPage(page, size, items);
    }

    /**
     * Recomputes the tamper-evident audit log's hash chain ({@link AuditChain#verify}) and names the first broken
     * entry. {@code anchor} (repeatable) is a chain head a signed report printed, {@code <entry>:<sha256>}: it must
     * still be in the chain with that hash, or the chain was rewritten after the report.
     *
     * @throws ConfigurationException (400) for an anchor not of that form
     */
    @GET
    @Path("/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public VerificationBody verify(@QueryParam("anchor") List<String> anchors) {
        List<AuditChain.Anchor> parsed = anchors.stream().map(AuditLogResource::anchor).toList();
        return VerificationBody.of(chain.verify(parsed));
    }

    private static AuditChain.Anchor anchor(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon > 0 && t.substring(0, colon).matches("[0-9]{1,18}")
                && t.substring(colon + 1).matches("[0-9a-fA-F]{64}")) {
            return new AuditChain.Anchor(Long.parseLong(t.substring(0, colon)), t.substring(colon + 1));
        }
        throw new ConfigurationException("anchor", "\"" + text + "\" is not <entry number>:<SHA-256 in 64 hex "
                + "digits>, the form a report prints (for example 42:" + "0".repeat(64) + ")");
    }

    /**
     * The verification: {@code valid}; {@code entries} read; the {@code head} ({@code seq}, {@code hash},
     * {@code at}); {@code firstBroken} ({@code seq}, {@code source} review/login/acceptance/action/revision,
     * {@code sourceId}, {@code kind} CONTENT_CHANGED/ROW_DELETED/ENTRY_ALTERED/LINK_BROKEN/ENTRY_MISSING/
     * HEAD_MISMATCH, {@code detail}), absent when none; {@code broken}, the number of broken entries; each anchor
     * checked; {@code unchained}, audit-log rows without an entry per source (written a moment ago, or inserted
     * behind the application's back) and the first 20 of them; {@code late}, entries chained more than ten minutes
     * after their row says it was written (a back-dated row inserted behind the application's back and chained
     * later), and the first 20 of them.
     */
    public record VerificationBody(boolean valid, long entries, AuditChain.Head head,
                                   ChainVerification.Problem firstBroken, int broken,
                                   List<ChainVerification.AnchorCheck> anchors, Map<String, Long> unchained,
                                   List<ChainVerification.Row> unchainedRows, long late,
                                   List<ChainVerification.Row> lateRows, Instant checkedAt) {

        static VerificationBody of(ChainVerification v) {
            return new VerificationBody(v.valid(), v.entries(), v.head(), v.firstBroken(), v.broken(), v.anchors(),
                    v.unchained(), v.unchainedRows(), v.late(), v.lateRows(), v.checkedAt());
        }
    }

    private static Entry entry(AuditEvent e) {
        if (e instanceof ReviewEvent r) return ReviewBody.of(r.review(), r.line());
        if (e instanceof ScheduleChange c) {
            return new ScheduleRevision("schedule", c.scheduleId(), c.revision(), action(c.action()), c.user(), c.at(),
                    changes(c.changes()));
        }
        if (e instanceof UserChange c) {
            return new UserRevision("user", c.username(), c.revision(), action(c.action()), c.user(), c.at(),
                    changes(c.changes()));
        }
        if (e instanceof LoginEntry l) return LoginBody.of(l);
        if (e instanceof AcceptanceEntry a) return AcceptanceBody.of(a);
        if (e instanceof org.flamesaudit.auditlog.ActionEntry a) return ActionBody.of(a);
        KeyChange c = (KeyChange) e;
        return new KeyRevision("key", c.key(), c.revision(), action(c.action()), c.user(), c.at(),
                changes(c.changes()));
    }

    private static String action(ScheduleChange.Action a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Change> changes(Map<String, ScheduleChange.Change> diff) {
        Map<String, Change> changes = new LinkedHashMap<>();
        diff.forEach((field, change) -> changes.put(field, new Change(value(change.oldValue()),
                value(change.newValue()))));
        return changes;
    }

    /** What a changed field's value is written as: null, true/false, a whole number, or else its text. */
    private static Object value(Object v) {
        if (v == null || v instanceof Boolean) return v;
        if (v instanceof Number n) return n.longValue();
        return v.toString();
    }

    /** {@code {"page", "size", "items"}}: the log's entries of one page, newest first. */
    public record LogPage(int page, int size, List<Entry> items) {
    }

    /** One entry of the log; its {@code type} says which. */
    public sealed interface Entry permits ReviewBody, ScheduleRevision, UserRevision, KeyRevision, LoginBody,
            AcceptanceBody, ActionBody {
    }

    /**
     * A score review ({@code type} "score-review"): the new score and why, with the scorer's score and the score
     * before, where there was one. Also the body of {@code POST .../review} and of an answer's review history. In the
     * audit log it also carries {@code line}: the prompt's line in its file, the number the items page shows.
     */
    public record ReviewBody(long id, String type, long runId, long promptId, String machineStatus, int newScore,
                             String justification, String user, Instant at, Integer machineScore,
                             Integer previousScore, Integer line) implements Entry {

        static ReviewBody of(ScoreReview r) {
            return of(r, null);
        }

        static ReviewBody of(ScoreReview r, Integer line) {
            return new ReviewBody(r.getId(), "score-review", r.getRunId(), r.getPromptId(), r.getMachineStatus(),
                    r.getNewValue(), r.getJustification(), r.getReviewer(), r.getCreatedAt(), r.getMachineValue(),
                    r.getPreviousValue(), line);
        }
    }

    /** A revision of a schedule ({@code type} "schedule"). */
    public record ScheduleRevision(String type, long scheduleId, long revision, String action, String user, Instant at,
                                   Map<String, Change> changes) implements Entry {
    }

    /** A revision of an account ({@code type} "user"). */
    public record UserRevision(String type, String username, long revision, String action, String user, Instant at,
                               Map<String, Change> changes) implements Entry {
    }

    /** A revision of a key's registration ({@code type} "key"). */
    public record KeyRevision(String type, String key, long revision, String action, String user, Instant at,
                              Map<String, Change> changes) implements Entry {
    }

    /**
     * A login entry ({@code type} "login"): {@code action} failed (a wrong password), throttled (the wait it started,
     * {@code waitSeconds}) or unlocked (by the admin in {@code user}); {@code username} is the account tried.
     */
    public record LoginBody(String type, long id, String action, String username, String user, Instant at,
                            String node, String address, Integer failures, Long waitSeconds) implements Entry {

        static LoginBody of(LoginEntry l) {
            LoginEvent e = l.event();
            return new LoginBody("login", e.getId(), e.getAction().name().toLowerCase(Locale.ROOT), e.getUsername(),
                    l.user(), e.getAt(), e.getNodeName(), e.getAddress(), e.getFailures(), e.getWaitSeconds());
        }
    }

    /**
     * An auditor's acceptance of a run's failed prompts ({@code type} "acceptance"): who, when, why, and the reason
     * the run's completion had been withheld. Kept after a restart of the run.
     */
    public record AcceptanceBody(String type, long id, long runId, String user, Instant at, String justification,
                                 String withheldReason) implements Entry {

        static AcceptanceBody of(AcceptanceEntry e) {
            var a = e.acceptance();
            return new AcceptanceBody("acceptance", a.getId(), a.getRunId(), a.getAcceptedBy(), a.getAcceptedAt(),
                    a.getJustification(), a.getWithheldReason());
        }
    }

    /**
     * An accounted action ({@code type} "action"): {@code action} is run-started, run-stopped, run-restarted,
     * dataset-imported, report-rendered or report-downloaded; {@code runId}, {@code datasetId} and
     * {@code renderingId} say what it concerns (null where it concerns none); {@code detail} is a short description
     * (dataset name and version, report id, format and language, never a secret).
     */
    public record ActionBody(String type, long id, String action, String user, Instant at, Long runId, Long datasetId,
                             Long renderingId, String detail, String node) implements Entry {

        static ActionBody of(org.flamesaudit.auditlog.ActionEntry e) {
            var r = e.record();
            return new ActionBody("action", r.getId(), r.getAction().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    r.getUsername(), r.getAt(), r.getRunId(), r.getDatasetId(), r.getRenderingId(), r.getDetail(),
                    r.getNodeName());
        }
    }

    /** A field's value before and after; both are always there, JSON {@code null} where the field had none. */
    public record Change(@JsonbNillable Object old, @JsonbProperty("new") @JsonbNillable Object newValue) {
    }
}
