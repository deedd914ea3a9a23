package org.flamesaudit.api;

import org.flamesaudit.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.schedule.Schedule;
import org.flamesaudit.schedule.ScheduleFiring;
import org.flamesaudit.schedule.ScheduleService;
import org.flamesaudit.schedule.ScheduleStore;

import java.time.Instant;

/** Recurring audits: create, read, change, delete a schedule; list its firings and the runs it started. */
@Path("/schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    ScheduleService service;

    @Inject
    ScheduleStore store;

    @Inject
    RunStore runs;

    @Context
    SecurityContext security;

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        Schedule s = service.create(body, security.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(ScheduleBody.of(s)).build();
    }

    /**
     * The next firings of a cron expression in a zone, before a schedule is saved: {@code {"cron","zone","next":[...]}}
     * (at most {@code count}, 1-20, default 5); an expression or zone that cannot work is a 400 naming the field.
     */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/preview")
    public Preview preview(@QueryParam("cron") String cron, @QueryParam("zone") String zone,
                           @QueryParam("count") @DefaultValue("5") int count) {
        if (count < 1 || count > 20) {
            throw org.flamesaudit.support.ConfigurationException.outOfRange("count", 1, 20);
        }
        org.flamesaudit.schedule.CronSlots slots = org.flamesaudit.schedule.CronSlots.of(cron, zone);
        return new Preview(cron.strip(), zone.strip(), slots.next(java.time.Instant.now(), count));
    }

    /** {@code {"cron","zone","next"}}: the next firings, as instants. */
    public record Preview(String cron, String zone, java.util.List<java.time.Instant> next) {
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    public Bodies.Items<ScheduleBody> list() {
        return new Bodies.Items<>(store.list().stream().map(ScheduleBody::of).toList());
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}")
    public ScheduleBody get(@PathParam("id") long id) {
        return ScheduleBody.of(store.require(id));
    }

    @RolesAllowed(Roles.AUDITOR)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScheduleBody update(@PathParam("id") long id, JsonObject body) {
        return ScheduleBody.of(service.update(id, body, security.getUserPrincipal().getName()));
    }

    @RolesAllowed(Roles.AUDITOR)
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    /** The slots handled for the schedule, newest first: fired (with its run), skipped or failed. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}/firings")
    public Bodies.Paged<Firing> firings(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
                                        @QueryParam("size") @DefaultValue("50") int size) {
        store.require(id);
        Paging.check(page, size);
        return new Bodies.Paged<>(store.countFirings(id), page, size,
                store.firings(id, page, size).stream().map(Firing::of).toList());
    }

    /** The runs the schedule started, newest first. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}/runs")
    public Bodies.Items<ScheduledRun> runs(@PathParam("id") long id) {
        store.require(id);
        return new Bodies.Items<>(runs.ofSchedule(id).stream().map(r -> new ScheduledRun(r.getId(),
                r.getStatus().name(), r.getTotal(), r.getCreatedAt(), r.getFinishedAt())).toList());
    }

    /**
     * A schedule with the run configuration it starts ({@code target}, {@code scorer}); {@code nextSlot}, the next
     * time it fires, only while it is enabled.
     */
    public record ScheduleBody(long id, String name, String cron, String zone, boolean enabled, String missedFirings,
                               long datasetId, JsonObject target, JsonObject scorer, int concurrency,
                               String blockedPolicy, Instant createdAt, String createdBy, Instant updatedAt,
                               String updatedBy, Integer limit, Instant nextSlot, JsonObject gate,
                               JsonObject alerts) {

        static ScheduleBody of(Schedule s) {
            return new ScheduleBody(s.getId(), s.getName(), s.getCron(), s.getZoneId(), s.isEnabled(),
                    s.getMissedFirings().label(), s.getDatasetId(), Jsons.parseObject(s.getTargetConfig()),
                    Jsons.parseObject(s.getScorerConfig()), s.getConcurrency(), s.getBlockedPolicy().label(),
                    s.getCreatedAt(), s.getCreatedBy(), s.getUpdatedAt(), s.getUpdatedBy(), s.getPromptLimit(),
                    s.isEnabled() ? ScheduleService.nextSlot(s, Instant.now()) : null,
                    s.getGateConfig() == null ? null : Jsons.parseObject(s.getGateConfig()),
                    s.getAlertsConfig() == null ? null : Jsons.parseObject(s.getAlertsConfig()));
        }
    }

    /** One handled slot: fired (with its {@code runId}), skipped or failed (with its {@code error}). */
    public record Firing(Instant slot, String status, int missedSlots, String node, Instant handledAt, Long runId,
                         String error) {

        static Firing of(ScheduleFiring f) {
            return new Firing(f.getSlot(), f.getStatus().name(), f.getMissedSlots(), f.getNodeName(),
                    f.getHandledAt(), f.getRunId(), f.getError());
        }
    }

    /** A run the schedule started. */
    public record ScheduledRun(long id, String status, int total, Instant createdAt, Instant finishedAt) {
    }
}
