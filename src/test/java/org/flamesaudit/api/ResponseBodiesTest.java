package org.flamesaudit.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.flamesaudit.audit.RunQueries;
import org.flamesaudit.auditlog.ScheduleChange;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.scoring.Agreement;
import org.flamesaudit.support.Jsons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON the API's response records are written as, pinned character for character with JSON-B's default
 * configuration (the one {@link ApiJsonb} gives RESTEasy): the same names, types and presence as the JSON-P bodies
 * they replaced. Properties come in name order (JSON-B's default); a null component is left out, except where the API
 * has always written an explicit {@code null}.
 */
class ResponseBodiesTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.120Z");

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    private static String json(Object body) {
        return JSONB.toJson(body);
    }

    @Test
    void anErrorLeavesOutAFieldItDoesNotName() {
        assertThat(json(ApiErrors.body("not_found", "run 9 does not exist", null)))
                .isEqualTo("{\"code\":\"not_found\",\"error\":\"run 9 does not exist\"}");
        assertThat(json(ApiErrors.body("invalid", "must be a cron expression", "cron")))
                .isEqualTo("{\"code\":\"invalid\",\"error\":\"must be a cron expression\",\"field\":\"cron\"}");
    }

    @Test
    void instantsAreWrittenAsInstantToStringWrites() {
        for (String at : List.of("2025-03-04T05:06:07Z", "2025-03-04T05:06:07.120Z",
                "2025-03-04T05:06:07.123456789Z")) {
            Instant instant = Instant.parse(at);
            assertThat(json(new ScheduleResource.ScheduledRun(1, "RUNNING", 10, instant, null)))
                    .isEqualTo("{\"createdAt\":\"" + instant + "\",\"id\":1,\"status\":\"RUNNING\",\"total\":10}");
        }
    }

    @Test
    void aScheduleEmbedsItsStoredConfigurationAsStoredAndLeavesOutWhatItLacks() {
        var target = Jsons.parseObject(
                "{\"provider\":\"openai\",\"temperature\":0.70,\"seed\":null,\"stop\":[\"\\n\"]}");
        var scorer = Jsons.parseObject("{\"type\":\"embedded\"}");
        var disabled = new ScheduleResource.ScheduleBody(3, "nightly", "0 3 * * *", "UTC", false, "skip", 7, target,
                scorer, 4, "retry", AT, "alice", AT, "bob", null, null, null, null);
        assertThat(json(disabled)).isEqualTo("{\"blockedPolicy\":\"retry\",\"concurrency\":4,"
                + "\"createdAt\":\"2025-03-04T05:06:07.120Z\",\"createdBy\":\"alice\",\"cron\":\"0 3 * * *\","
                + "\"datasetId\":7,\"enabled\":false,\"id\":3,\"missedFirings\":\"skip\",\"name\":\"nightly\","
                + "\"scorer\":{\"type\":\"embedded\"},"
                + "\"target\":{\"provider\":\"openai\",\"temperature\":0.70,\"seed\":null,\"stop\":[\"\\n\"]},"
                + "\"updatedAt\":\"2025-03-04T05:06:07.120Z\",\"updatedBy\":\"bob\",\"zone\":\"UTC\"}");
        var enabled = new ScheduleResource.ScheduleBody(3, "nightly", "0 3 * * *", "UTC", true, "skip", 7, target,
                scorer, 4, "retry", AT, "alice", AT, "bob", 50, Instant.parse("2025-03-05T03:00:00Z"),
                Jsons.parseObject("{\"notWorse\":true}"), null);
        assertThat(json(enabled)).contains("\"limit\":50,").contains("\"nextSlot\":\"2025-03-05T03:00:00Z\",")
                .contains("\"gate\":{\"notWorse\":true}").doesNotContain("alerts");
    }

    @Test
    void anAuditLogChangeWritesAMissingValueAsNull() {
        Map<String, AuditLogResource.Change> changes = new LinkedHashMap<>();
        changes.put("name", new AuditLogResource.Change(null, "nightly"));
        changes.put("enabled", new AuditLogResource.Change(true, false));
        changes.put("concurrency", new AuditLogResource.Change(4L, 8L));
        var page = new AuditLogResource.LogPage(0, 50, List.of(new AuditLogResource.ScheduleRevision("schedule", 3, 11,
                "changed", "alice", AT, changes)));
        assertThat(json(page)).isEqualTo("{\"items\":[{\"action\":\"changed\",\"at\":\"2025-03-04T05:06:07.120Z\","
                + "\"changes\":{\"name\":{\"new\":\"nightly\",\"old\":null},\"enabled\":{\"new\":false,\"old\":true},"
                + "\"concurrency\":{\"new\":8,\"old\":4}},\"revision\":11,\"scheduleId\":3,\"type\":\"schedule\","
                + "\"user\":\"alice\"}],\"page\":0,\"size\":50}");
    }

    @Test
    void aDraftsSignOffAndAnUnbrokenChainLeaveTheirMissingPartsOut() {
        var draft = SignOffResource.Status.of(4, org.flamesaudit.reporting.SignOffStatus.draft("FA-4-ab"), List.of());
        assertThat(json(draft)).isEqualTo("{\"history\":[],\"reportId\":\"FA-4-ab\",\"runId\":4,"
                + "\"status\":\"DRAFT\"}");
        var valid = new AuditLogResource.VerificationBody(true, 0, new org.flamesaudit.auditchain.AuditChain.Head(0,
                "0".repeat(64), null), null, 0, List.of(), Map.of(), List.of(), 0, List.of(), AT);
        assertThat(json(valid)).contains("\"valid\":true").doesNotContain("firstBroken");
    }

    @Test
    void agreementDecimalsAreWrittenAsJsonPWroteThemAndUndefinedOnesLeftOut() {
        Map<String, ReviewResource.AgreementEntry> byDimension = new LinkedHashMap<>();
        byDimension.put("Fairness", ReviewResource.AgreementEntry.of(new Agreement(10, 0.8333333333333334, -0.0005)));
        byDimension.put("all", ReviewResource.AgreementEntry.of(new Agreement(0, Double.NaN, Double.NaN)));
        byDimension.put("Safety", ReviewResource.AgreementEntry.of(new Agreement(3, 1.0, 12345678.9)));
        // JSON-P wrote BigDecimal.valueOf(d): 0.00050 and 12345678.9, where a double would be 5.0E-4 and 1.23456789E7
        assertThat(json(new ReviewResource.AgreementBody(42, byDimension))).isEqualTo("{\"agreement\":{"
                + "\"Fairness\":{\"accuracy\":0.8333333333333334,\"kappa\":-0.00050,\"n\":10},"
                + "\"all\":{\"n\":0},"
                + "\"Safety\":{\"accuracy\":1.0,\"kappa\":12345678.9,\"n\":3}},\"runId\":42}");
    }

    @Test
    void progressNamesEveryOutcomeInItsOrder() {
        Map<ItemOutcome, Long> outcomes = new EnumMap<>(ItemOutcome.class);
        outcomes.put(ItemOutcome.REFUSED, 3L);
        outcomes.put(ItemOutcome.ANSWERED, 9L);
        assertThat(json(RunResource.Progress.of(new RunQueries.Progress(20, 12, 10, 1, 2, outcomes))))
                .isEqualTo("{\"failed\":2,\"generated\":12,\"outcomes\":{\"ANSWERED\":9,\"REFUSED\":3,\"BLOCKED\":0,"
                        + "\"EMPTY\":0,\"TRUNCATED\":0,\"FAILED\":0},\"scored\":10,\"total\":20,\"unscorable\":1}");
    }

    @Test
    void aReviewedItemCountsTheReviewedScoreAndKeepsTheScorers() {
        var reviewed = new RunQueries.Item(5, 17, "Fairness", null, "p", "r", null, 120, 1, "SCORED", 1, null, null,
                null, "stop", 3, "bob", null, AT, ItemOutcome.ANSWERED, null, null, null, null, null, false, null);
        assertThat(json(RunResource.Item.of(reviewed))).isEqualTo("{\"answeredAt\":\"2025-03-04T05:06:07.120Z\","
                + "\"attempts\":1,\"dimension\":\"Fairness\",\"finishReason\":\"stop\",\"latencyMs\":120,"
                + "\"line\":17,\"machineScore\":1,\"outcome\":\"ANSWERED\",\"prompt\":\"p\",\"promptId\":5,"
                + "\"response\":\"r\",\"reviewedBy\":\"bob\",\"score\":3,\"scoreStatus\":\"SCORED\"}");
        var blocked = new RunQueries.Item(6, 18, "Safety", "sub", "p", null, null, null, null, null, null, null, null,
                null, null, null, null, "node-1", null, ItemOutcome.BLOCKED, null, "content_filter", null, "filtered",
                null, false, null);
        assertThat(json(new Bodies.Paged<>(2, 0, 50, List.of(RunResource.Item.of(blocked))))).isEqualTo(
                "{\"items\":[{\"block\":{\"message\":\"filtered\",\"signal\":\"content_filter\"},"
                        + "\"dimension\":\"Safety\",\"line\":18,\"node\":\"node-1\",\"outcome\":\"BLOCKED\","
                        + "\"prompt\":\"p\",\"promptId\":6,\"subcomponent\":\"sub\"}],"
                        + "\"page\":0,\"size\":50,\"total\":2}");
    }

    @Test
    void anItemOfARunWithSeveralScorersListsEachScorersVerdict() {
        var split = new RunQueries.Item(7, 19, "Safety", null, "p", "r", null, 90, 1, "UNSCORABLE", null,
                "no majority", null, null, "stop", null, null, null, AT, ItemOutcome.ANSWERED, null, null, null, null,
                "SCORERS_DISAGREE", true, List.of(new RunQueries.Verdict("llm-judge:a", "SCORED", 3, null, "safe"),
                new RunQueries.Verdict("llm-judge:b", "UNSCORABLE", null, "UNREADABLE_VERDICT", "no JSON")));
        assertThat(json(RunResource.Item.of(split))).isEqualTo("{\"answeredAt\":\"2025-03-04T05:06:07.120Z\","
                + "\"attempts\":1,\"dimension\":\"Safety\",\"finishReason\":\"stop\",\"latencyMs\":90,\"line\":19,"
                + "\"outcome\":\"ANSWERED\",\"prompt\":\"p\",\"promptId\":7,\"rationale\":\"no majority\","
                + "\"response\":\"r\",\"scoreStatus\":\"UNSCORABLE\",\"scorersDisagree\":true,"
                + "\"unscorableReason\":\"SCORERS_DISAGREE\",\"verdicts\":[{\"rationale\":\"safe\","
                + "\"score\":3,\"scorer\":\"llm-judge:a\",\"status\":\"SCORED\"},{\"rationale\":\"no JSON\","
                + "\"scorer\":\"llm-judge:b\",\"status\":\"UNSCORABLE\",\"unscorableReason\":"
                + "\"UNREADABLE_VERDICT\"}]}");
    }

    @Test
    void embeddedJsonPObjectsAreWrittenAsBuilt() {
        var card = Jsons.JSON.createObjectBuilder().add("type", "embedded").add("official", false)
                .add("default", true).build();
        assertThat(json(new Bodies.Items<>(List.of(card))))
                .isEqualTo("{\"items\":[{\"type\":\"embedded\",\"official\":false,\"default\":true}]}");
        assertThat(json(new Bodies.Id(42))).isEqualTo("{\"id\":42}");
    }

    @Test
    void theServerWritesWithOneSharedJsonbOfTheDefaultConfiguration() throws Exception {
        Jsonb shared = new ApiJsonb().getContext(RunResource.class);
        assertThat(new ApiJsonb().getContext(ScheduleResource.class)).isSameAs(shared);
        Object body = new SecretResource.Registration(null, "FLAMES_KEY", false, null, List.of("https://a.example"),
                AT, "admin", null);
        assertThat(shared.toJson(body)).isEqualTo(json(body)).isEqualTo("{\"endpoints\":[\"https://a.example\"],"
                + "\"name\":\"FLAMES_KEY\",\"set\":false,\"updatedAt\":\"2025-03-04T05:06:07.120Z\","
                + "\"updatedBy\":\"admin\"}");
    }
}
