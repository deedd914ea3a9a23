package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import org.flamesaudit.users.AppUser;
import org.flamesaudit.users.UserService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    public UserList list() {
        List<FileAccount> files = new ArrayList<>();
        users.fileAccounts().forEach((name, roles) -> files.add(new FileAccount(name, roles, "file")));
        return new UserList(users.list().stream().map(Account::of).toList(), files);
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("username") String username, JsonObject body) {
        UserService.Saved saved = users.save(username, body, security.getUserPrincipal().getName());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Account.of(saved.user())).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username) {
        users.delete(username, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    /** The database accounts ({@code items}) and the file realm's, which cannot be changed here. */
    public record UserList(List<Account> items, List<FileAccount> fileAccounts) {
    }

    /** A database account ({@code source} "database"); never its password or hash. */
    public record Account(String username, List<String> roles, boolean enabled, String source,
                          Instant passwordChangedAt, Instant createdAt, String createdBy, Instant updatedAt,
                          String updatedBy) {

        static Account of(AppUser u) {
            return new Account(u.getUsername(), u.getRoles(), u.isEnabled(), "database", u.getPasswordChangedAt(),
                    u.getCreatedAt(), u.getCreatedBy(), u.getUpdatedAt(), u.getUpdatedBy());
        }
    }

    /** An account of the file realm ({@code source} "file"). */
    public record FileAccount(String username, List<String> roles, String source) {
    }
}
