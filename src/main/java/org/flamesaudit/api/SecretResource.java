package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import org.flamesaudit.keys.ApiKey;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.CredentialStoreKeys;
import org.flamesaudit.keys.KeyReference;
import org.flamesaudit.keys.KeyVariables;
import org.flamesaudit.keyusage.KeyUsageCheck;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.NotFoundException;

import java.util.Map;
import java.util.TreeMap;

/**
 * Provider API keys, for the admin only: set or rotate a key under an alias together with the endpoints it may be
 * sent to, change those endpoints, register the endpoints of a key held in an environment variable, list them all
 * (with the stored runs and schedules the rules refuse), remove. A key is write-only: no answer ever contains it.
 */
@Path("/secrets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SecretResource {

    @Context
    SecurityContext security;

    @Inject
    ApiKeyService keys;

    @Inject
    KeyUsageCheck usage;

    @GET
    public JsonObject list() {
        CredentialStoreKeys store = CredentialStoreKeys.shared();
        Map<String, ApiKey> registered = new TreeMap<>();
        keys.list().forEach(k -> registered.put(k.getKeyRef(), k));
        JsonArrayBuilder aliases = Jsons.JSON.createArrayBuilder();
        if (store.configured()) {
            for (String alias : store.aliases()) {
                ApiKey k = registered.remove(KeyReference.alias(alias).id());
                aliases.add(registration(Jsons.JSON.createObjectBuilder().add("alias", alias), k));
            }
        }
        JsonArrayBuilder variables = Jsons.JSON.createArrayBuilder();
        JsonArrayBuilder orphans = Jsons.JSON.createArrayBuilder();
        for (ApiKey k : registered.values()) {
            KeyReference ref = k.getReference();
            if (ref.kind() == KeyReference.Kind.ENV) {
                variables.add(registration(Jsons.JSON.createObjectBuilder().add("name", ref.name())
                        .add("set", org.flamesaudit.keys.KeyVariables.isSet(ref.name())), k));
            } else {
                orphans.add(registration(Jsons.JSON.createObjectBuilder().add("alias", ref.name()), k));
            }
        }
        JsonArrayBuilder refused = Jsons.JSON.createArrayBuilder();
        for (KeyUsageCheck.Refusal r : usage.refusals()) {
            refused.add(Jsons.JSON.createObjectBuilder().add("kind", r.kind()).add("id", r.id())
                    .add("field", r.field()).add("error", r.reason()));
        }
        return Jsons.JSON.createObjectBuilder().add("configured", store.configured()).add("items", aliases)
                .add("notInStore", orphans)
                .add("variables", Jsons.JSON.createObjectBuilder()
                        .add("allowed", KeyVariables.configured().describe()).add("items", variables))
                .add("refused", refused).build();
    }

    /** Sets or rotates a key: {@code {"value": "...", "endpoints": ["https://..."]}} (endpoints required the first time). */
    @PUT
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@PathParam("alias") String alias, JsonObject body) {
        if (body != null) {
            new org.flamesaudit.support.JsonFields(body, null).allowOnly("value", "endpoints");
        }
        JsonValue v = body == null ? null : body.get("value");
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING || body.getString("value").isBlank()) {
            throw new ConfigurationException("value", "is required: the API key, as a JSON string");
        }
        boolean rotated = keys.setKey(alias, body.getString("value"), body.get("endpoints"), user());
        return Response.status(rotated ? Response.Status.OK : Response.Status.CREATED)
                .entity(Jsons.JSON.createObjectBuilder().add("alias", alias).add("rotated", rotated).build()).build();
    }

    /** Replaces the endpoints of a key in the credential store: {@code {"endpoints": ["https://..."]}}. */
    @PUT
    @Path("/{alias}/endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response aliasEndpoints(@PathParam("alias") String alias, JsonObject body) {
        return endpoints(KeyReference.alias(alias), body);
    }

    /** Registers or replaces the endpoints of a key held in an allowed environment variable. */
    @PUT
    @Path("/env/{name}/endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response variableEndpoints(@PathParam("name") String name, JsonObject body) {
        return endpoints(KeyReference.env(name), body);
    }

    /** Unregisters a variable's endpoints: the key in it is then sent nowhere. */
    @DELETE
    @Path("/env/{name}/endpoints")
    public Response removeVariable(@PathParam("name") String name) {
        if (!keys.unregister(KeyReference.env(name))) {
            throw new NotFoundException("no endpoints are registered for environment variable " + name);
        }
        return Response.noContent().build();
    }

    /** Removes a key from the credential store with its endpoints. */
    @DELETE
    @Path("/{alias}")
    public Response remove(@PathParam("alias") String alias) {
        if (!keys.removeKey(alias)) {
            throw new NotFoundException("no secret with alias " + alias);
        }
        return Response.noContent().build();
    }

    private Response endpoints(KeyReference ref, JsonObject body) {
        if (body != null) {
            new org.flamesaudit.support.JsonFields(body, null).allowOnly("endpoints");
        }
        ApiKeyService.Saved saved = keys.registerEndpoints(ref, body == null ? null : body.get("endpoints"), user());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(registration(Jsons.JSON.createObjectBuilder().add("key", ref.id()), saved.key()).build())
                .build();
    }

    private static JsonObjectBuilder registration(JsonObjectBuilder b, ApiKey k) {
        JsonArrayBuilder endpoints = Jsons.JSON.createArrayBuilder();
        if (k != null) {
            k.getEndpoints().forEach(endpoints::add);
            b.add("updatedAt", k.getUpdatedAt().toString()).add("updatedBy", k.getUpdatedBy());
            if (k.getKeySetAt() != null) {
                b.add("keySetAt", k.getKeySetAt().toString());
            }
        }
        return b.add("endpoints", endpoints);
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }
}
