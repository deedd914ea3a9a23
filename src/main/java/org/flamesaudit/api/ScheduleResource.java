package org.flamesaudit.api;

import org.flamesaudit.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import org.flamesaudit.run.AuditRun;
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
        return Response.status(Response.Status.CREATED).entity(json(s).build()).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    public JsonObject list() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        store.list().forEach(s -> items.add(json(s)));
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") long id) {
        return json(store.require(id)).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("id") long id, JsonObject body) {
        return json(service.update(id, body, security.getUserPrincipal().getName())).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    /** The slots handled for the schedule, newest first: fired (with its run), skipped or failed. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}/firings")
    public JsonObject firings(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
                              @QueryParam("size") @DefaultValue("50") int size) {
        store.require(id);
        Paging.check(page, size);
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (ScheduleFiring f : store.firings(id, page, size)) {
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("slot", f.getSlot().toString())
                    .add("status", f.getStatus().name()).add("missedSlots", f.getMissedSlots())
                    .add("node", f.getNodeName()).add("handledAt", f.getHandledAt().toString());
            if (f.getRunId() != null) b.add("runId", f.getRunId());
            if (f.getError() != null) b.add("error", f.getError());
            items.add(b);
        }
        return Jsons.JSON.createObjectBuilder().add("total", store.countFirings(id)).add("page", page).add("size", size)
                .add("items", items).build();
    }

    /** The runs the schedule started, newest first. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}/runs")
    public JsonObject runs(@PathParam("id") long id) {
        store.require(id);
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (AuditRun r : runs.ofSchedule(id)) {
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("id", r.getId()).add("status", r.getStatus().name())
                    .add("total", r.getTotal()).add("createdAt", r.getCreatedAt().toString());
            if (r.getFinishedAt() != null) b.add("finishedAt", r.getFinishedAt().toString());
            items.add(b);
        }
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }

    private static JsonObjectBuilder json(Schedule s) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("id", s.getId()).add("name", s.getName())
                .add("cron", s.getCron()).add("zone", s.getZoneId()).add("enabled", s.isEnabled())
                .add("missedFirings", s.getMissedFirings().label()).add("datasetId", s.getDatasetId())
                .add("target", Jsons.parseObject(s.getTargetConfig())).add("scorer", Jsons.parseObject(s.getScorerConfig()))
                .add("concurrency", s.getConcurrency()).add("blockedPolicy", s.getBlockedPolicy().label())
                .add("createdAt", s.getCreatedAt().toString()).add("createdBy", s.getCreatedBy())
                .add("updatedAt", s.getUpdatedAt().toString()).add("updatedBy", s.getUpdatedBy());
        if (s.getPromptLimit() != null) b.add("limit", s.getPromptLimit());
        if (s.isEnabled()) b.add("nextSlot", ScheduleService.nextSlot(s, Instant.now()).toString());
        return b;
    }
}
