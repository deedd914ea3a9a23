package org.flamesaudit.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;

/** JSON stored by the application itself (run and schedule snapshots, metrics), read back. */
public final class Jsons {

    private Jsons() {
    }

    public static JsonObject parseObject(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static jakarta.json.JsonArray parseArray(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
