package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.support.Jsons;

import java.util.List;

/**
 * Who is calling: the user name and application roles, so that a client (the web console) can check a login and show
 * only the controls the caller may use. It grants nothing; every other endpoint still checks its own roles.
 */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private static final List<String> ROLES = List.of(Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.ADMIN);

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.ADMIN})
    public JsonObject me() {
        JsonArrayBuilder roles = Jsons.JSON.createArrayBuilder();
        ROLES.stream().filter(security::isUserInRole).forEach(roles::add);
        return Jsons.JSON.createObjectBuilder().add("username", security.getUserPrincipal().getName())
                .add("roles", roles).build();
    }
}
