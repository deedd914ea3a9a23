package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.CredentialStoreKeys;
import org.flamesaudit.support.NotFoundException;

import java.util.logging.Logger;

/**
 * Provider API keys in the server's credential store, for the admin only: set or rotate a key under an alias,
 * list the aliases, remove one. A key is write-only: no answer ever contains it.
 */
@Path("/secrets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource {

    private static final Logger LOG = Logger.getLogger(SecretResource.class.getName());

    @Context
    SecurityContext security;

    @RolesAllowed(Roles.ADMIN)
    @GET
    public JsonObject list() {
        CredentialStoreKeys keys = CredentialStoreKeys.shared();
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        if (keys.configured()) {
            keys.aliases().forEach(a -> items.add(Jsons.JSON.createObjectBuilder().add("alias", a)));
        }
        return Jsons.JSON.createObjectBuilder().add("configured", keys.configured()).add("items", items).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@PathParam("alias") String alias, JsonObject body) {
        JsonValue v = body == null ? null : body.get("value");
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING || body.getString("value").isBlank()) {
            throw new ConfigurationException("value", "is required: the API key, as a JSON string");
        }
        boolean rotated = CredentialStoreKeys.shared().store(alias, body.getString("value"));
        String user = security.getUserPrincipal().getName();
        LOG.info(() -> "secret alias " + alias + (rotated ? " rotated" : " set") + " by " + user);
        return Response.status(rotated ? Response.Status.OK : Response.Status.CREATED)
                .entity(Jsons.JSON.createObjectBuilder().add("alias", alias).add("rotated", rotated).build()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{alias}")
    public Response remove(@PathParam("alias") String alias) {
        if (!CredentialStoreKeys.shared().remove(alias)) {
            throw new NotFoundException("no secret with alias " + alias);
        }
        String user = security.getUserPrincipal().getName();
        LOG.info(() -> "secret alias " + alias + " removed by " + user);
        return Response.noContent().build();
    }
}
