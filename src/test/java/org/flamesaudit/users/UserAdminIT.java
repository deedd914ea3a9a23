package org.flamesaudit.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin manages accounts through the API and the server's realm of database accounts (users.realm) honours each
 * change on the next request: a new account logs in with its roles, a role change moves it between 400 (past security)
 * and 403, disabling or deleting it shuts it out (401); every change is in the audit log with the admin's name and no
 * answer holds the password or its hash; the file realm's demo accounts cannot be taken over; bad requests are 400 with
 * the field.
 */
class UserAdminIT {

    private final ApiClient api = ApiClient.fromSystemProperties();
    private final ApiClient admin = api.as("admin");

    @Test
    void should_create_change_disable_and_delete_an_account_that_the_server_then_honours() {
        String name = "qa-" + Long.toString(System.nanoTime(), 36);
        String password = "a long password " + name;
        ApiClient account = api.as(name, password);
        assertThat(account.get("/api/runs").status()).as("unknown account").isEqualTo(401);

        ApiClient.Reply created = admin.put("/api/users/" + name, Json.createObjectBuilder()
                .add("password", password).add("roles", Json.createArrayBuilder().add("auditor")).build());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(created.body().getJsonArray("roles")).containsExactly(Json.createValue("auditor"));
        assertThat(created.body().getString("createdBy")).isEqualTo("admin");
        assertThat(created.body().toString()).doesNotContain(password).doesNotContain("hash").doesNotContain("salt");

        // an auditor: gets past security to the application's own 400; no admin endpoint
        assertThat(account.post("/api/runs", "{}").status()).isEqualTo(400);
        assertThat(account.get("/api/secrets").status()).isEqualTo(403);
        assertThat(api.as(name, password + "x").get("/api/runs").status()).isEqualTo(401);

        // now a regulator: reads, may not start a run
        assertThat(admin.put("/api/users/" + name, "{\"roles\":[\"regulator\"]}").status()).isEqualTo(200);
        assertThat(account.post("/api/runs", "{}").status()).isEqualTo(403);
        assertThat(account.get("/api/runs").status()).isEqualTo(200);

        // a new password replaces the old one at once
        String newPassword = password + " rotated";
        assertThat(admin.put("/api/users/" + name, Json.createObjectBuilder().add("password", newPassword).build())
                .status()).isEqualTo(200);
        assertThat(account.get("/api/runs").status()).isEqualTo(401);
        ApiClient rotated = api.as(name, newPassword);
        assertThat(rotated.get("/api/runs").status()).isEqualTo(200);

        // disabled: shut out; enabled again: back with the same roles
        assertThat(admin.put("/api/users/" + name, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(rotated.get("/api/runs").status()).isEqualTo(401);
        assertThat(admin.put("/api/users/" + name, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(rotated.get("/api/runs").status()).isEqualTo(200);

        JsonObject list = admin.get("/api/users").body();
        JsonObject listed = list.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(u -> u.getString("username").equals(name)).findFirst().orElseThrow();
        assertThat(listed.getJsonArray("roles")).containsExactly(Json.createValue("regulator"));
        assertThat(listed.getBoolean("enabled")).isTrue();
        assertThat(list.getJsonArray("fileAccounts").stream().map(v -> v.asJsonObject().getString("username")))
                .contains("admin", "auditor", "reviewer", "regulator");
        assertThat(list.toString()).doesNotContain(newPassword).doesNotContain(password);

        assertThat(admin.delete("/api/users/" + name).status()).isEqualTo(204);
        assertThat(rotated.get("/api/runs").status()).isEqualTo(401);
        assertThat(admin.delete("/api/users/" + name).status()).isEqualTo(404);

        // the audit log (read by auditors, reviewers, regulators): six revisions by admin, newest first
        JsonObject log = api.get("/api/audit-log?type=user&size=200").body();
        List<JsonObject> mine = log.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("username").equals(name)).toList();
        assertThat(mine).extracting(e -> e.getString("action"))
                .containsExactly("deleted", "changed", "changed", "changed", "changed", "created");
        assertThat(mine).allMatch(e -> e.getString("user").equals("admin") && e.getString("type").equals("user"));
        JsonObject roleChange = mine.get(4).getJsonObject("changes").getJsonObject("roles");
        assertThat(roleChange.getString("old")).isEqualTo("auditor");
        assertThat(roleChange.getString("new")).isEqualTo("regulator");
        assertThat(mine.get(3).getJsonObject("changes").keySet()).containsExactly("passwordChangedAt");
        assertThat(mine.get(2).getJsonObject("changes").getJsonObject("enabled").getBoolean("new")).isFalse();
        assertThat(log.toString()).doesNotContain(password);
    }

    @Test
    void should_refuse_bad_accounts_with_the_field_named() {
        assertThat(admin.put("/api/users/auditor", "{\"password\":\"a long password 1\",\"roles\":[\"admin\"]}")
                .status()).as("a file-realm account").isEqualTo(409);
        expect400("/api/users/UPPER", "{\"password\":\"a long password 1\",\"roles\":[\"auditor\"]}", "username");
        expect400("/api/users/qa-short", "{\"password\":\"short\",\"roles\":[\"auditor\"]}", "password");
        expect400("/api/users/qa-norole", "{\"password\":\"a long password 1\"}", "roles");
        expect400("/api/users/qa-badrole", "{\"password\":\"a long password 1\",\"roles\":[\"root\"]}", "roles");
        expect400("/api/users/qa-nopass", "{\"roles\":[\"auditor\"]}", "password");
        expect400("/api/users/qa-enabled", "{\"password\":\"a long password 1\",\"roles\":[\"auditor\"],"
                + "\"enabled\":\"yes\"}", "enabled");
        // separation of duties: admin and an audit role never on one account
        ApiClient.Reply both = admin.put("/api/users/qa-both", "{\"password\":\"a long password 1\","
                + "\"roles\":[\"admin\",\"auditor\"]}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().getString("field")).isEqualTo("roles");
        assertThat(both.body().getString("error")).contains("separate duties");
        assertThat(admin.get("/api/users").body().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("username")))
                .as("nothing refused was stored").doesNotContain("qa-short", "qa-norole", "qa-badrole", "qa-nopass",
                        "qa-enabled", "UPPER", "qa-both");
    }

    @Test
    void should_not_let_an_admin_grant_change_or_delete_their_own_account() {
        String name = "qa-admin-" + Long.toString(System.nanoTime(), 36);
        String password = "a long password " + name;
        assertThat(admin.put("/api/users/" + name, Json.createObjectBuilder().add("password", password)
                .add("roles", Json.createArrayBuilder().add("admin")).build()).status()).isEqualTo(201);
        ApiClient self = api.as(name, password);
        assertThat(self.get("/api/users").status()).isEqualTo(200);
        ApiClient.Reply grant = self.put("/api/users/" + name, "{\"roles\":[\"auditor\"]}");
        assertThat(grant.status()).as(String.valueOf(grant.body())).isEqualTo(409);
        assertThat(grant.body().getString("error")).contains("cannot change their own account");
        assertThat(self.put("/api/users/" + name, "{\"password\":\"another long password\"}").status())
                .isEqualTo(409);
        assertThat(self.delete("/api/users/" + name).status()).isEqualTo(409);
        assertThat(self.get("/api/users").status()).as("still an admin, unchanged").isEqualTo(200);
        assertThat(admin.delete("/api/users/" + name).status()).isEqualTo(204);
    }

    private void expect400(String path, String body, String field) {
        ApiClient.Reply r = admin.put(path, body);
        assertThat(r.status()).as(path + " " + body + " -> " + r.body()).isEqualTo(400);
        assertThat(r.body().toString()).contains(field);
    }
}
