package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.users.AppUser;
import org.flamesaudit.users.UserService;

/**
 * Accounts, for the admin only: list them (database accounts, and the file realm's demo accounts read-only),
 * create or change one ({@code password}, {@code roles}, {@code enabled}), delete one. No answer contains a
 * password or its hash; every change is in the audit log.
 */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;

    @Context
    SecurityContext security;

    @RolesAllowed(Roles.ADMIN)
    @GET
    public JsonObject list() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        users.list().forEach(u -> items.add(json(u)));
        JsonArrayBuilder files = Jsons.JSON.createArrayBuilder();
        users.fileAccounts().forEach((name, roles) -> files.add(Jsons.JSON.createObjectBuilder().add("username", name)
                .add("roles", Jsons.JSON.createArrayBuilder(roles)).add("source", "file")));
        return Jsons.JSON.createObjectBuilder().add("items", items).add("fileAccounts", files).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("username") String username, JsonObject body) {
        UserService.Saved saved = users.save(username, body, security.getUserPrincipal().getName());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(json(saved.user()).build()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username) {
        users.delete(username, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    private static JsonObjectBuilder json(AppUser u) {
        return Jsons.JSON.createObjectBuilder().add("username", u.getUsername())
                .add("roles", Jsons.JSON.createArrayBuilder(u.getRoles())).add("enabled", u.isEnabled())
                .add("source", "database")
                .add("passwordChangedAt", u.getPasswordChangedAt().toString())
                .add("createdAt", u.getCreatedAt().toString()).add("createdBy", u.getCreatedBy())
                .add("updatedAt", u.getUpdatedAt().toString()).add("updatedBy", u.getUpdatedBy());
    }
}
