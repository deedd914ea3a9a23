package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;

/**
 * Who is calling: the user name and application roles, so that a client (the web console) can check a login and show
 * only the controls the caller may use. It grants nothing; every other endpoint still checks its own roles.
 */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private static final List<String> ROLES = List.of(Roles.AUDITOR, Roles.REVIEWER, Roles.APPROVER, Roles.REGULATOR,
            Roles.ADMIN);

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER, Roles.ADMIN})
    public Me me() {
        return new Me(security.getUserPrincipal().getName(), ROLES.stream().filter(security::isUserInRole).toList());
    }

    /** {@code {"username", "roles"}}: the caller's application roles, in the order of {@link Roles}. */
    public record Me(String username, List<String> roles) {
    }
}
