package org.flamesaudit.keyusage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.audit.RunService;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.keys.KeyVariables;
import org.flamesaudit.schedule.Schedule;
import org.flamesaudit.schedule.ScheduleStore;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.SchemaReady;
import org.flamesaudit.support.Jsons;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the stored runs and schedules that would send an API key where its registration does not allow (or that name
 * a variable the server does not allow), so that they are known before they try: reported at start-up with the fix,
 * and listed to the admin in {@code GET /api/secrets}. They cannot start anyway: a restart and every schedule firing
 * make the same check ({@link RunService#checkKeyDestinations}, {@link RunService#validate}) and are refused.
 *
 * <p>Also reads the variable setting ({@link KeyVariables}) at deployment, so a bad setting fails the deployment
 * with its reason.
 */
@ApplicationScoped
public class KeyUsageCheck {

    private static final KeyUsageLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), KeyUsageLogger.class,
            KeyUsageCheck.class.getName());

    /** A stored run or schedule that will be refused: which, the field at fault and why. */
    public record Refusal(String kind, long id, String field, String reason) {

        /** The problem and its fix, for the log. */
        public String describe() {
            String fix = kind.equals("schedule")
                    ? "its firings are refused until an admin registers the endpoint for the key (console: API keys) "
                    + "or an auditor points the schedule at a registered endpoint (PUT /api/schedules/" + id + ")"
                    : "it cannot be restarted until an admin registers the endpoint for the key (console: API keys); "
                    + "otherwise start a new run against a registered endpoint";
            return kind + " " + id + ": " + field + ": " + reason + " - " + fix;
        }
    }

    @Inject
    RunStore runs;

    @Inject
    ScheduleStore schedules;

    @Inject
    RunService runService;

    @Inject
    org.flamesaudit.scoring.ScorerPanels panels;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.CHECK) SchemaReady event) {
        KeyVariables variables = KeyVariables.configured();
        LOG.keyRules(variables.describe());
        for (Refusal r : refusals()) {
            LOG.refused(r.describe());
        }
    }

    /** Every enabled schedule and every run not COMPLETED that the key rules refuse. */
    public List<Refusal> refusals() {
        List<Refusal> found = new ArrayList<>();
        for (Schedule s : schedules.enabled()) {
            check("schedule", s.getId(), s.getTargetConfig(), List.of(s.getScorerConfig()), found);
        }
        for (AuditRun r : runs.notCompleted()) {
            check("run", r.getId(), r.getTargetConfig(), panels.of(r.getId()).members().stream()
                    .map(org.flamesaudit.scoring.RunScorerMember::getScorerConfig).toList(), found);
        }
        return found;
    }

    private void check(String kind, long id, String target, List<String> scorers, List<Refusal> found) {
        try {
            runService.checkKeyDestinations(TargetSpec.fromJson(Jsons.parseObject(target)),
                    scorers.stream().map(sc -> ScorerSpec.fromJson(Jsons.parseObject(sc))).toList());
        } catch (ConfigurationException e) {
            found.add(new Refusal(kind, id, e.field(), e.reason()));
        }
    }
}
