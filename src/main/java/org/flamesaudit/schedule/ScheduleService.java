package org.flamesaudit.schedule;

import org.flamesaudit.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.audit.RunService;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

import java.time.Clock;
import java.time.Instant;

/**
 * Creates, changes and deletes schedules. A schedule's run request is checked exactly as a run submitted by hand
 * ({@link RunService#validate}) before it is stored, and again at each firing.
 */
@ApplicationScoped
public class ScheduleService {

    static final int MAX_NAME = 200;

    @Inject
    RunService runService;

    @Inject
    ScheduleStore store;

    @Inject
    Clock clock;

    public Schedule create(JsonObject body, String user) {
        return store.create(definition(body), user, clock.instant());
    }

    public Schedule update(long id, JsonObject body, String user) {
        store.require(id);
        return store.update(id, definition(body), user, clock.instant());
    }

    public void delete(long id, String user) {
        store.delete(id, user, clock.instant());
    }

    /** The fields a schedule request has besides those of its run request. */
    static final java.util.Set<String> SCHEDULE_FIELDS = java.util.Set.of("name", "cron", "zone", "enabled",
            "missedFirings");

    /** Parses and checks a schedule request; every error names its field. */
    ScheduleDefinition definition(JsonObject body) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required");
        }
        JsonFields f = new JsonFields(body, null);
        String name = f.requiredString("name");
        if (name.length() > MAX_NAME) {
            throw new ConfigurationException("name", "is longer than " + MAX_NAME + " characters");
        }
        CronSlots slots = CronSlots.of(f.optionalString("cron"), f.optionalString("zone"));
        Boolean enabled = f.optionalBoolean("enabled");
        String missed = f.optionalString("missedFirings");
        MissedFirings policy = missed == null ? MissedFirings.RUN_ONCE : MissedFirings.fromLabel(missed)
                .orElseThrow(() -> new ConfigurationException("missedFirings", "must be run-once (one run for the "
                        + "latest slot missed while the server was down) or skip"));
        if (body.containsKey("scorers") || body.containsKey("decision")) {
            throw new ConfigurationException(body.containsKey("scorers") ? "scorers" : "decision", "a schedule runs "
                    + "one scorer (\"scorer\"); start runs with several scorers through POST /api/runs");
        }
        RunService.RunRequest run = runService.validate(body, SCHEDULE_FIELDS);
        return new ScheduleDefinition(name, slots, run.dataset().getId(), run.target().toJson().toString(),
                run.scorer().toJson().toString(), run.concurrency(), run.limit(), enabled == null || enabled, policy,
                run.blockedPolicy(), run.gate() == null ? null : run.gate().toJson().toString(),
                run.alerts() == null ? null : run.alerts().toJson().toString());
    }

    /** The run request a schedule submits: the same JSON a client would post to /api/runs. */
    static JsonObject runRequest(Schedule s) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("datasetId", s.getDatasetId())
                .add("target", Jsons.parseObject(s.getTargetConfig())).add("scorer", Jsons.parseObject(s.getScorerConfig()))
                .add("concurrency", s.getConcurrency()).add("blockedPolicy", s.getBlockedPolicy().label());
        if (s.getPromptLimit() != null) {
            b.add("limit", s.getPromptLimit());
        }
        if (s.getGateConfig() != null) {
            b.add("gate", Jsons.parseObject(s.getGateConfig()));
        }
        if (s.getAlertsConfig() != null) {
            b.add("alerts", Jsons.parseObject(s.getAlertsConfig()));
        }
        return b.build();
    }

    /** The next slot to fire for an enabled schedule, for display. */
    public static Instant nextSlot(Schedule s, Instant now) {
        return s.slots().after(now);
    }
}
