package org.flamesaudit.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {

    private static JsonFields fields(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        return new JsonFields(o, "run");
    }

    @Test
    void should_refuse_secret_fields_unless_the_body_exists_to_carry_one() {
        JsonObject account = Json.createObjectBuilder().add("password", "a long password").add("enabled", false)
                .build();
        assertThatThrownBy(() -> new JsonFields(account, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("password: secrets are never accepted");
        assertThat(JsonFields.acceptingSecrets(account).optionalBoolean("enabled")).isFalse();
        JsonObject wrong = Json.createObjectBuilder().add("password", "x").add("enabled", "yes").build();
        assertThatThrownBy(() -> JsonFields.acceptingSecrets(wrong).optionalBoolean("enabled"))
                .isInstanceOf(ConfigurationException.class).hasMessage("enabled: must be true or false");
    }

    @Test
    void should_refuse_numbers_too_large_for_any_range_naming_the_field() {
        JsonObject huge = Json.createObjectBuilder().add("limit", new java.math.BigDecimal("1" + "0".repeat(5_000)))
                .build();
        assertThatThrownBy(() -> new JsonFields(huge, "run").optionalInt("limit", 1, 100))
                .isInstanceOf(ConfigurationException.class).hasMessage("run.limit: must be between 1 and 100");
        assertThatThrownBy(() -> fields("{\"limit\":99999999999999999999}").optionalInt("limit", 1, 100))
                .hasMessage("run.limit: must be between 1 and 100");
        assertThatThrownBy(() -> fields("{\"t\":1" + "0".repeat(500) + ".5}").optionalDouble("t", 0, 2))
                .hasMessage("run.t: must be between 0.0 and 2.0");
        assertThatThrownBy(() -> fields("{\"limit\":1.5}").optionalInt("limit", 1, 100))
                .hasMessage("run.limit: must be an integer");
        assertThat(fields("{\"limit\":7}").optionalInt("limit", 1, 100)).isEqualTo(7);
    }
}
