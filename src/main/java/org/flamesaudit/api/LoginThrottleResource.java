package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.users.LoginAttempts;
import org.flamesaudit.users.LoginThrottle;

import java.time.Instant;
import java.util.List;

/**
 * An account's wrong passwords on the node that answers, by client address, and the admin's unlock (README "Failed
 * logins"). Any account name may be asked for: file-realm and database accounts alike, and names that do not exist
 * (their failures are counted too).
 */
@Path("/users/{username}/login-throttle")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoginThrottleResource {

    @Inject
    LoginAttempts attempts;

    @Context
    SecurityContext security;

    /** The clock the throttle counts by. */
    @Inject
    java.time.Clock clock;

    /** One client address's wrong passwords in a row for the account. */
    public record AddressBody(String address, int failures, Instant lastFailure, Instant blockedUntil,
                              boolean blocked) {
        static AddressBody of(LoginThrottle.Entry e, Instant now) {
            return new AddressBody(e.address(), e.failures(), e.lastFailure(), e.blockedUntil(), e.blockedAt(now));
        }
    }

    /** The account's counts on {@code node}. */
    public record ThrottleBody(String username, String node, List<AddressBody> addresses) {
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    public ThrottleBody get(@PathParam("username") String username) {
        Instant now = clock.instant();
        return new ThrottleBody(username, AppConfig.nodeName(),
                attempts.of(username).stream().map(e -> AddressBody.of(e, now)).toList());
    }

    /** Forgets the account's wrong passwords on this node: its waits end at once; recorded in the audit log. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    public ThrottleBody unlock(@PathParam("username") String username) {
        Instant now = clock.instant();
        return new ThrottleBody(username, AppConfig.nodeName(), attempts.unlock(username,
                security.getUserPrincipal().getName()).stream().map(e -> AddressBody.of(e, now)).toList());
    }
}
