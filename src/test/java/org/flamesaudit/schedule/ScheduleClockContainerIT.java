package org.flamesaudit.schedule;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.DatasetImportService;
import org.flamesaudit.dataset.DatasetStore;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.dataset.RepeatedPrompts;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStatus;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.testsupport.Await;
import org.flamesaudit.testsupport.Deployments;
import org.flamesaudit.testsupport.MutableClock;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules against a stepped clock, in the container (Arquillian): the application's {@link Clock} is replaced by
 * a {@link MutableClock} (a CDI alternative), and the test calls the {@link ScheduleTicker} as the managed scheduler
 * would, at chosen instants, so that on-time slots, a downtime of 17 minutes (missed slots handled by each policy)
 * and a disabled schedule are checked exactly, with no sleeping to slot boundaries. The firings start real runs
 * (the demo's replayed answers, two prompts each). The Arquillian server's own ticker is off
 * ({@code flames.schedules.enabled=false}), so only this test's ticks fire; its grace is the default 60 s.
 */
@ExtendWith(ArquillianExtension.class)
class ScheduleClockContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(ScheduleClockContainerIT.class, SteppingClockProducer.class,
                MutableClock.class, Await.class);
    }

    @Inject
    ScheduleService schedules;

    @Inject
    ScheduleStore store;

    @Inject
    ScheduleTicker ticker;

    @Inject
    RunStore runs;

    @Inject
    DatasetImportService imports;

    @Inject
    DatasetStore datasets;

    /**
     * Every five minutes at second 0, from 09:58: the 10:00 slot fires once however often the ticker runs; the
     * server is then "down" from 10:00:04 to 10:17:30 (slots 10:05, 10:10 and 10:15 pass, the latest 150 s before
     * the next tick, past the 60 s grace): the run-once schedule fires once for 10:15 standing for all three, the skip
     * schedule records 10:15 as SKIPPED without a run; neither handles 10:05 or 10:10 at all. Disabled, a schedule
     * fires no more; the other fires 10:20 on time.
     */
    @Test
    void slotsFireOnceOnTimeAndMissedSlotsFollowTheirPolicy() throws Exception {
        long setId = demoPrompts();
        SteppingClockProducer.CLOCK.set(Instant.parse("2031-03-01T09:58:00Z"));
        long runOnce = schedules.create(schedule("clock run-once", setId, "run-once"), "auditor").getId();
        long skip = schedules.create(schedule("clock skip", setId, "skip"), "auditor").getId();
        assertThat(store.require(runOnce).getActiveSince()).isEqualTo(Instant.parse("2031-03-01T09:58:00Z"));

        tickAt("2031-03-01T09:59:59Z");
        assertThat(store.countFirings(runOnce) + store.countFirings(skip)).isZero();

        tickAt("2031-03-01T10:00:02Z");
        tickAt("2031-03-01T10:00:04Z");
        for (long id : List.of(runOnce, skip)) {
            List<ScheduleFiring> f = store.firings(id, 0, 10);
            assertThat(f).hasSize(1);
            assertFiring(f.get(0), "2031-03-01T10:00:00Z", ScheduleFiring.Status.FIRED, 0);
            assertThat(f.get(0).getHandledAt()).isEqualTo(Instant.parse("2031-03-01T10:00:02Z"));
        }

        tickAt("2031-03-01T10:17:30Z");
        tickAt("2031-03-01T10:17:40Z");
        List<ScheduleFiring> a = store.firings(runOnce, 0, 10);
        List<ScheduleFiring> b = store.firings(skip, 0, 10);
        assertThat(a).hasSize(2);
        assertThat(b).hasSize(2);
        assertFiring(a.get(0), "2031-03-01T10:15:00Z", ScheduleFiring.Status.FIRED, 2);
        assertThat(a.get(0).getRunId()).isNotNull();
        assertFiring(b.get(0), "2031-03-01T10:15:00Z", ScheduleFiring.Status.SKIPPED, 2);
        assertThat(b.get(0).getRunId()).isNull();

        JsonObject disabled = Json.createObjectBuilder(schedule("clock run-once", setId, "run-once"))
                .add("enabled", false).build();
        schedules.update(runOnce, disabled, "auditor");
        tickAt("2031-03-01T10:20:01Z");
        assertThat(store.firings(runOnce, 0, 10)).hasSize(2);
        List<ScheduleFiring> after = store.firings(skip, 0, 10);
        assertThat(after).hasSize(3);
        assertFiring(after.get(0), "2031-03-01T10:20:00Z", ScheduleFiring.Status.FIRED, 0);

        // every FIRED slot started its own run, linked to its schedule, which completes
        for (long id : List.of(runOnce, skip)) {
            List<AuditRun> started = runs.ofSchedule(id);
            assertThat(started).extracting(AuditRun::getId).containsExactlyInAnyOrderElementsOf(store.firings(id, 0, 10)
                    .stream().filter(f -> f.getStatus() == ScheduleFiring.Status.FIRED).map(ScheduleFiring::getRunId)
                    .toList());
            for (AuditRun r : started) {
                Await.until(() -> !runs.require(r.getId()).getStatus().isActive(), () -> {
                    AuditRun seen = runs.require(r.getId());
                    return "run " + r.getId() + " to finish (last seen " + seen.getStatus() + ", finished at "
                            + seen.getFinishedAt() + ", job execution " + seen.getJobExecutionId() + ")";
                });
                assertThat(runs.require(r.getId()).getStatus()).isEqualTo(RunStatus.COMPLETED);
                assertThat(runs.require(r.getId()).getTotal()).isEqualTo(2);
            }
        }
        schedules.delete(runOnce, "auditor");
        schedules.delete(skip, "auditor");
    }

    private void tickAt(String instant) {
        SteppingClockProducer.CLOCK.set(Instant.parse(instant));
        ticker.tick();
    }

    private static void assertFiring(ScheduleFiring f, String slot, ScheduleFiring.Status status, int missed) {
        assertThat(f.getSlot()).as(f.toString()).isEqualTo(Instant.parse(slot));
        assertThat(f.getStatus()).as("slot " + slot + ": " + f.getError()).isEqualTo(status);
        assertThat(f.getMissedSlots()).as("slot " + slot).isEqualTo(missed);
    }

    private long demoPrompts() throws InterruptedException {
        Path demo = Path.of(System.getProperty("flames.import.dirs").split(":")[0]);
        long setId = imports.submit("schedule-clock-demo", demo.resolve("demo-prompts.jsonl").toString(), null,
                RepeatedPrompts.KEEP).id();
        Await.until(() -> datasets.require(setId).getStatus() != PromptSet.Status.IMPORTING, "the demo import to finish");
        assertThat(datasets.require(setId).getStatus()).isEqualTo(PromptSet.Status.READY);
        return setId;
    }

    private static JsonObject schedule(String name, long setId, String missed) {
        Path demo = Path.of(System.getProperty("flames.import.dirs").split(":")[0]);
        return Json.createObjectBuilder().add("name", name).add("cron", "0 */5 * * * *").add("zone", "UTC")
                .add("missedFirings", missed).add("datasetId", setId).add("limit", 2)
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", demo.resolve("demo-responses.jsonl").toString()))
                .build();
    }

    /** Replaces the application's clock in this deployment. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class SteppingClockProducer {

        static final MutableClock CLOCK = new MutableClock(Instant.now());

        @Produces
        Clock clock() {
            return CLOCK;
        }
    }
}
