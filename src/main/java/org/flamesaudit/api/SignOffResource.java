package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.support.JsonFields;
import org.flamesaudit.reporting.SignOffService;
import org.flamesaudit.reporting.SignOffStatus;
import org.flamesaudit.reporting.SignOffStep;
import org.flamesaudit.reporting.SignOffStore;
import org.flamesaudit.support.ConfigurationException;

import java.time.Instant;
import java.util.List;

/**
 * The sign-off of a run's report (issue 23): {@code GET} where the current report stands, {@code POST} a step.
 * Reviewing needs the {@code reviewer} role, approving the {@code approver} role; the rules of who may sign what are
 * {@link SignOffService}'s.
 */
@Path("/runs/{id}/signoff")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SignOffResource {

    @Inject
    SignOffService signOffs;

    @Inject
    SignOffStore store;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Status status(@PathParam("id") long runId) {
        return Status.of(runId, signOffs.status(runId), store.history(runId));
    }

    /**
     * Body {@code {"step": "review"|"approve", "reportId": "...", "comment"?: "..."}}: signs the run's current report
     * (the one named) as reviewed or approved, renders its reports again so the PDF names the signer, and returns the
     * new status. 403 when the user lacks the step's role, 409 when the rules refuse the step.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEWER, Roles.APPROVER})
    public Status sign(@PathParam("id") long runId, JsonObject body) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required: {\"step\": \"review\" or \"approve\", "
                    + "\"reportId\": \"...\"}");
        }
        JsonFields f = new JsonFields(body, null).allowOnly("step", "reportId", "comment");
        String verb = f.requiredString("step");
        SignOffStep step = SignOffStep.ofVerb(verb);
        if (step == null) {
            throw new ConfigurationException("step", "\"" + verb + "\" is not a sign-off step: review or approve");
        }
        String role = step == SignOffStep.REVIEWED ? Roles.REVIEWER : Roles.APPROVER;
        if (!security.isUserInRole(role)) {
            throw new ForbiddenException("to " + verb + " a report needs the role " + role);
        }
        signOffs.sign(runId, step, f.requiredString("reportId"), f.optionalString("comment"));
        return Status.of(runId, signOffs.status(runId), store.history(runId));
    }

    /**
     * {@code reportId} the run's current report; {@code status} DRAFT, REVIEWED or APPROVED; {@code reviewed} and
     * {@code approved} its steps (absent when not done, as every null of the API); {@code supersedes} the approved
     * report it replaces once approved (absent when none); {@code history} every step of every report of the run, oldest first.
     */
    public record Status(long runId, String reportId, String status, Step reviewed, Step approved, Step supersedes,
                         List<Step> history) {

        static Status of(long runId, SignOffStatus s, List<SignOffStatus.Step> history) {
            return new Status(runId, s.reportId(), s.status().name(), Step.of(s.step(SignOffStep.REVIEWED)),
                    Step.of(s.step(SignOffStep.APPROVED)), Step.of(s.supersedes()),
                    history.stream().map(Step::of).toList());
        }
    }

    /** One step: {@code step} "review" or "approve", the report id, who, when, and the comment ("" when none). */
    public record Step(String step, String reportId, String user, Instant at, String comment) {

        static Step of(SignOffStatus.Step s) {
            return s == null ? null : new Step(s.step().verb(), s.reportId(), s.user(), s.at(),
                    s.comment() == null ? "" : s.comment());
        }
    }
}
