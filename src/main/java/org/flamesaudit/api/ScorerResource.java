package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.scoring.ScorerCards;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.scoring.imported.ImportedScorer;
import org.flamesaudit.scoring.judge.LlmJudgeScorer;

/** Every scorer type this server offers, with its card (what it is, whether official, its measured agreement). */
@Path("/scorers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ScorerResource {

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (JsonObject config : new JsonObject[]{ScorerSpec.DEFAULT.toJson(),
                Json.createObjectBuilder().add("type", LlmJudgeScorer.TYPE).add("model", "(the judge model)").build(),
                Json.createObjectBuilder().add("type", ImportedScorer.TYPE).build()}) {
            String type = config.getString("type");
            items.add(Json.createObjectBuilder(ScorerCards.toJson(ScorerCards.forRun(null, config), type))
                    .add("default", ScorerSpec.DEFAULT.type().equals(type)));
        }
        return Json.createObjectBuilder().add("items", items).build();
    }
}
