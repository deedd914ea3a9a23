package org.flamesaudit.support;

import jakarta.json.JsonObject;

import java.io.StringReader;

/** JSON stored by the application itself (run and schedule snapshots, metrics), read back. */
public final class Jsons {

    /**
     * One JSON provider for the hot paths. Every {@code Json.createXxx} call looks the provider up again through
     * ServiceLoader (a class-path scan through JBoss Modules): a profile of a Flames-1k audit found 20% of the
     * server's CPU there (BENCHMARKS.md).
     */
    public static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObject parseObject(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static jakarta.json.JsonArray parseArray(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
