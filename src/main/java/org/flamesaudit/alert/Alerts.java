package org.flamesaudit.alert;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.Secrets;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunEnded;
import org.flamesaudit.run.RunStatus;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.Setting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sends a run's alerts when it ends ({@link RunEnded}): for each event of {@link AlertSpec#on} that happened
 * (completed, halted, gate failed), one delivery to the webhook, a JSON body signed with HMAC-SHA256
 * ({@link WebhookDelivery}), tried up to {@value #MAX_ATTEMPTS} times with exponential backoff
 * ({@link Setting#ALERTS_RETRY_BASE_SECONDS}, doubled after each failed try) on the managed scheduler, never on the
 * job's thread; every try is in the audit log ({@link AlertLog}). A run stopped by a user sends no "halted".
 */
@ApplicationScoped
public class Alerts {

    static final int MAX_ATTEMPTS = 5;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    RunStore runs;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AlertLog log;

    @Resource(lookup = "java:jboss/mail/Default")
    jakarta.mail.Session mail;

    /** One alert to one receiver, tried again on failure. */
    public interface Delivery {
        AlertEvent event();

        String id();

        WebhookDelivery.Outcome send();

        /** "webhook https://..." or "e-mail to a@example.com": for the audit log. */
        String describe();
    }

    @jakarta.transaction.Transactional
    void onRunEnded(@Observes RunEnded ended) {
        AuditRun run = runs.require(ended.runId());
        if (run.getAlertsConfig() == null) {
            return;
        }
        AlertSpec spec = AlertSpec.fromJson(Jsons.parseObject(run.getAlertsConfig()));
        List<AlertEvent> events = new ArrayList<>();
        if (ended.status() == RunStatus.COMPLETED || ended.status() == RunStatus.COMPLETED_WITH_FAILURES) {
            events.add(AlertEvent.COMPLETED);
        } else if (ended.status() == RunStatus.FAILED || ended.halted()) {
            events.add(AlertEvent.HALTED);
        }
        if ("FAIL".equals(run.getGateVerdict())) {
            events.add(AlertEvent.GATE_FAILED);
        }
        if (spec.emailTo() != null) {
            for (AlertEvent event : events) {
                if (spec.emailOn().contains(event)) {
                    JsonObject p = payload(run, event, ended);
                    attempt(run.getId(), new MailDelivery(mail, spec.emailTo(), event, UUID.randomUUID().toString(),
                            subject(run, event, ended), text(p)), 1);
                }
            }
        }
        if (!spec.hasWebhook()) {
            return;
        }
        String secret;
        try {
            secret = Secrets.ofThisServer(apiKeys::endpoints).key(spec.apiKeyEnv(), spec.apiKeyAlias(),
                    spec.webhookUrl(), "alerts.webhook");
        } catch (RuntimeException e) {
            events.stream().filter(spec.on()::contains).forEach(ev -> log.failed(run.getId(), "webhook "
                    + spec.webhookUrl(), ev, "-", 0, "the signing key cannot be used: " + e.getMessage(), false));
            return;
        }
        for (AlertEvent event : events) {
            if (spec.on().contains(event)) {
                byte[] body = payload(run, event, ended).toString().getBytes(StandardCharsets.UTF_8);
                WebhookDelivery delivery = new WebhookDelivery(spec.webhookUrl(), secret, event,
                        UUID.randomUUID().toString(), body);
                attempt(run.getId(), delivery, 1);
            }
        }
    }

    /** "[Flames Audit] run 12 gate-failed: gate FAIL · openai-compatible:qwen-plus". */
    static String subject(AuditRun run, AlertEvent event, RunEnded ended) {
        return "[Flames Audit] run " + run.getId() + " " + event.label() + ": " + (event == AlertEvent.GATE_FAILED
                ? "gate FAIL" : ended.status().name()) + " · "
                + TargetSpec.fromJson(Jsons.parseObject(run.getTargetConfig())).label();
    }

    /** The alert's figures as plain text: one "key: value" line per field of the webhook's body. */
    static String text(JsonObject payload) {
        StringBuilder b = new StringBuilder();
        payload.forEach((k, v) -> b.append(k).append(": ").append(v instanceof jakarta.json.JsonString s
                ? s.getString() : v.toString()).append('\n'));
        return b.toString();
    }

    private void attempt(long runId, Delivery d, int attempt) {
        executor.execute(() -> {
            WebhookDelivery.Outcome o;
            try {
                o = d.send();
            } catch (RuntimeException e) {
                o = new WebhookDelivery.Outcome(0, e.toString());
            }
            if (o.delivered()) {
                log.delivered(runId, d.describe(), d.event(), d.id(), attempt, o.status());
                return;
            }
            boolean retry = attempt < MAX_ATTEMPTS;
            log.failed(runId, d.describe(), d.event(), d.id(), attempt, o.describe(), retry);
            if (retry) {
                long delay = Setting.ALERTS_RETRY_BASE_SECONDS.longValue(1, "seconds") << (attempt - 1);
                executor.schedule(() -> attempt(runId, d, attempt + 1), delay, TimeUnit.SECONDS);
            }
        });
    }

    /**
     * The body: {@code event}, {@code runId}, {@code scheduleId}, {@code status}, {@code error}, {@code target},
     * {@code dataset}, the overall figures of the metrics, the {@code gate} verdict and result, {@code sentAt}.
     */
    static JsonObject payload(AuditRun run, AlertEvent event, RunEnded ended) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("event", event.label()).add("runId", run.getId())
                .add("status", ended.status().name())
                .add("target", TargetSpec.fromJson(Jsons.parseObject(run.getTargetConfig())).label())
                .add("dataset", Json.createObjectBuilder().add("name", run.getPromptSet().getName())
                        .add("version", run.getPromptSet().getVersion())
                        .add("sha256", run.getPromptSet().getSha256()))
                .add("sentAt", Instant.now().toString());
        if (run.getScheduleId() != null) {
            b.add("scheduleId", run.getScheduleId());
        }
        if (ended.error() != null) {
            b.add("error", ended.error());
        }
        if (run.getMetricsJson() != null) {
            JsonObject m = Jsons.parseObject(run.getMetricsJson());
            if (m.containsKey("overall")) {
                b.add("metrics", m.getJsonObject("overall"));
            }
        }
        if (run.getGateVerdict() != null) {
            b.add("gate", Json.createObjectBuilder().add("verdict", run.getGateVerdict())
                    .add("result", Jsons.parseObject(run.getGateResult())));
        }
        return b.build();
    }
}
