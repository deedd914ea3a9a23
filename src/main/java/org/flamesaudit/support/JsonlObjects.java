package org.flamesaudit.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.flamesaudit.support.JsonlLineReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSONL file of objects (replay responses, imported scores), keeping each object's line number and
 * collecting a precise error for every bad line instead of stopping at the first.
 */
public final class JsonlObjects {

    public record Line(long lineNumber, JsonObject object) {
    }

    public record Content(List<Line> lines, List<String> errors) {
    }

    private JsonlObjects() {
    }

    public static Content read(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(field, "file " + file + " does not exist or is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(field, "file " + file + " is not readable by the server");
        }
        List<Line> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (JsonlLineReader reader = new JsonlLineReader(file, JsonlLineReader.Cursor.START)) {
            JsonlLineReader.RawLine raw;
            while ((raw = reader.next()) != null) {
                String text;
                try {
                    text = raw.decodeUtf8();
                } catch (CharacterCodingException e) {
                    errors.add(file.getFileName() + " line " + raw.lineNumber() + ": not valid UTF-8");
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                try (var r = Json.createReader(new StringReader(text))) {
                    JsonValue v = r.readValue();
                    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                        errors.add(file.getFileName() + " line " + raw.lineNumber() + ": not a JSON object");
                    } else {
                        lines.add(new Line(raw.lineNumber(), v.asJsonObject()));
                    }
                } catch (RuntimeException e) {
                    errors.add(file.getFileName() + " line " + raw.lineNumber() + ": invalid JSON: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException(field, "cannot read " + file + ": " + e.getMessage());
        }
        return new Content(lines, errors);
    }

    /** Joins errors into one message, listing at most the first ten. */
    public static String summarize(List<String> errors) {
        StringBuilder sb = new StringBuilder(errors.size() + " bad line(s): ");
        sb.append(String.join("; ", errors.subList(0, Math.min(10, errors.size()))));
        if (errors.size() > 10) {
            sb.append("; ...");
        }
        return sb.toString();
    }

    public static String stringOrNull(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : null;
    }
}
