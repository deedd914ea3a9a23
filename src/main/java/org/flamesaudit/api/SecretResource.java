package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.flamesaudit.keys.ApiKey;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.CredentialStoreKeys;
import org.flamesaudit.keys.KeyReference;
import org.flamesaudit.keys.KeyVariables;
import org.flamesaudit.keyusage.KeyUsageCheck;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    public SecretList list() {
        CredentialStoreKeys store = CredentialStoreKeys.shared();
        Map<String, ApiKey> registered = new TreeMap<>();
        keys.list().forEach(k -> registered.put(k.getKeyRef(), k));
        List<Registration> aliases = new ArrayList<>();
        if (store.configured()) {
            for (String alias : store.aliases()) {
                ApiKey k = registered.remove(KeyReference.alias(alias).id());
                aliases.add(Registration.of(alias, null, null, null, k));
            }
        }
        List<Registration> variables = new ArrayList<>();
        List<Registration> orphans = new ArrayList<>();
        for (ApiKey k : registered.values()) {
            KeyReference ref = k.getReference();
            if (ref.kind() == KeyReference.Kind.ENV) {
                variables.add(Registration.of(null, ref.name(), KeyVariables.isSet(ref.name()), null, k));
            } else {
                orphans.add(Registration.of(ref.name(), null, null, null, k));
            }
        }
        List<Refused> refused = usage.refusals().stream()
                .map(r -> new Refused(r.kind(), r.id(), r.field(), r.reason())).toList();
        return new SecretList(store.configured(), aliases, orphans,
                new Variables(KeyVariables.configured().describe(), variables), refused);
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
                .entity(new KeySet(alias, rotated)).build();
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
                .entity(Registration.of(null, null, null, ref.id(), saved.key())).build();
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }

    /**
     * The keys: those in the credential store ({@code items}), keys registered for the store that it no longer has
     * ({@code notInStore}), keys in environment variables, and the stored runs and schedules the rules refuse.
     */
    public record SecretList(boolean configured, List<Registration> items, List<Registration> notInStore,
                             Variables variables, List<Refused> refused) {
    }

    /** The environment variables a key may be read from ({@code allowed}, the setting as written) and those used. */
    public record Variables(String allowed, List<Registration> items) {
    }

    /**
     * A key and the endpoints it may be sent to (empty when none are registered), named by {@code alias} (in the
     * store), by {@code name} and {@code set} (an environment variable), or by {@code key} (the answer to a change of
     * endpoints); {@code updatedAt}, {@code updatedBy} and {@code keySetAt} once registered. Never the key itself.
     */
    public record Registration(String alias, String name, Boolean set, String key, List<String> endpoints,
                               Instant updatedAt, String updatedBy, Instant keySetAt) {

        static Registration of(String alias, String name, Boolean set, String key, ApiKey k) {
            return k == null ? new Registration(alias, name, set, key, List.of(), null, null, null)
                    : new Registration(alias, name, set, key, k.getEndpoints(), k.getUpdatedAt(),
                    k.getUpdatedBy(), k.getKeySetAt());
        }
    }

    /** A stored run or schedule ({@code kind}, {@code id}) that will be refused: the field at fault and why. */
    public record Refused(String kind, long id, String field, String error) {
    }

    /** {@code {"alias", "rotated"}}: whether the key replaced one already under the alias. */
    public record KeySet(String alias, boolean rotated) {
    }
}
