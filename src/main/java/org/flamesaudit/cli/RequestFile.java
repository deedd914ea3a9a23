package org.flamesaudit.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run request file: JSON, or YAML ({@code .yaml}, {@code .yml}; SnakeYAML's safe constructor, plain maps, lists
 * and scalars only) turned into the same JSON object. Scalars resolve as YAML 1.2's core schema does, not 1.1's: only
 * {@code true}/{@code false} are booleans (so the key {@code on:} of an alert stays "on", and {@code no}/{@code yes}
 * stay text) and dates stay text. Errors name the file.
 */
final class RequestFile {

    private RequestFile() {
    }

    static JsonObject read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException(FlamesCli.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Object o = new Yaml(new SafeConstructor(new LoaderOptions()),
                        new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                        new org.yaml.snakeyaml.DumperOptions(), new CoreSchema()).load(text);
                if (!(o instanceof Map<?, ?> m)) {
                    throw new CliException(FlamesCli.ERROR, file + ": the YAML document must be a mapping (the run "
                            + "request), not " + (o == null ? "empty" : o.getClass().getSimpleName()));
                }
                return object(m);
            }
            return Json.createReader(new StringReader(text)).readObject();
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException(FlamesCli.ERROR, file + " is not a valid run request: " + e.getMessage());
        }
    }

    /** YAML 1.2 core-schema scalars: booleans true/false only, integers, floats, null; everything else text. */
    static final class CoreSchema extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL,
                    java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
        }
    }

    private static JsonObject object(Map<?, ?> m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        m.forEach((k, v) -> add(b, String.valueOf(k), v));
        return b.build();
    }

    private static void add(JsonObjectBuilder b, String k, Object v) {
        if (v == null) {
            b.addNull(k);
        } else if (v instanceof Map<?, ?> m) {
            b.add(k, object(m));
        } else if (v instanceof List<?> l) {
            b.add(k, array(l));
        } else if (v instanceof Boolean x) {
            b.add(k, x);
        } else if (v instanceof Integer || v instanceof Long) {
            b.add(k, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            b.add(k, n.doubleValue());
        } else {
            b.add(k, String.valueOf(v));
        }
    }

    private static JsonArrayBuilder array(List<?> l) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Object v : l) {
            JsonObjectBuilder holder = Json.createObjectBuilder();
            add(holder, "v", v);
            a.add(holder.build().get("v"));
        }
        return a;
    }
}
