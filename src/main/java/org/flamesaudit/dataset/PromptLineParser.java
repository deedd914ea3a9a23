package org.flamesaudit.dataset;

import org.flamesaudit.support.JsonlLineReader;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.nio.charset.CharacterCodingException;

/**
 * Validates one line of a Flames prompt file ({@code {"dimension", "subcomponent"?, "prompt"}}) and turns it into
 * either an accepted prompt or a rejection that names the line and the field. Stateless and thread-safe.
 */
public final class PromptLineParser {

    public static final int MAX_PROMPT_CHARS = 8_000;
    public static final int MAX_SUBCOMPONENT_CHARS = 200;

    /** The outcome for one line. Exactly one of {@code prompt} and {@code rejection} is set. */
    public record Result(long lineNumber, ParsedPrompt prompt, String rejection) {
        public boolean accepted() {
            return prompt != null;
        }
    }

    public record ParsedPrompt(Dimension dimension, String subcomponent, String text) {
    }

    public Result parse(long lineNumber, byte[] rawLine) {
        String line;
        try {
            line = new JsonlLineReader.RawLine(lineNumber, rawLine).decodeUtf8();
        } catch (CharacterCodingException e) {
            return reject(lineNumber, "not valid UTF-8");
        }
        if (line.isBlank()) {
            return reject(lineNumber, "blank line");
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(line))) {
            if (!parser.hasNext()) {
                return reject(lineNumber, "invalid JSON: empty");
            }
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                return reject(lineNumber, "invalid JSON: unexpected content after the JSON value");
            }
        } catch (JsonParsingException e) {
            return reject(lineNumber, "invalid JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            return reject(lineNumber, "invalid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return reject(lineNumber, "not a JSON object (found " + value.getValueType().name().toLowerCase() + ")");
        }
        JsonObject object = value.asJsonObject();

        JsonValue dimensionValue = object.get("dimension");
        if (dimensionValue == null || dimensionValue.getValueType() == JsonValue.ValueType.NULL) {
            return reject(lineNumber, "field \"dimension\" is missing");
        }
        if (dimensionValue.getValueType() != JsonValue.ValueType.STRING) {
            return reject(lineNumber, "field \"dimension\" must be a string");
        }
        String dimensionLabel = ((JsonString) dimensionValue).getString();
        var dimension = Dimension.fromLabel(dimensionLabel);
        if (dimension.isEmpty()) {
            return reject(lineNumber, "field \"dimension\": \"" + abbreviate(dimensionLabel, 60)
                    + "\" is not one of " + String.join(", ", Dimension.labels()));
        }

        JsonValue promptValue = object.get("prompt");
        if (promptValue == null || promptValue.getValueType() == JsonValue.ValueType.NULL) {
            return reject(lineNumber, "field \"prompt\" is missing");
        }
        if (promptValue.getValueType() != JsonValue.ValueType.STRING) {
            return reject(lineNumber, "field \"prompt\" must be a string");
        }
        String text = ((JsonString) promptValue).getString().strip();
        if (text.isEmpty()) {
            return reject(lineNumber, "field \"prompt\" is empty");
        }
        if (text.length() > MAX_PROMPT_CHARS) {
            return reject(lineNumber, "field \"prompt\" has " + text.length() + " characters; at most "
                    + MAX_PROMPT_CHARS + " are allowed");
        }

        String subcomponent = null;
        JsonValue subValue = object.get("subcomponent");
        if (subValue != null && subValue.getValueType() != JsonValue.ValueType.NULL) {
            if (subValue.getValueType() != JsonValue.ValueType.STRING) {
                return reject(lineNumber, "field \"subcomponent\" must be a string when present");
            }
            subcomponent = ((JsonString) subValue).getString().strip();
            if (subcomponent.isEmpty()) {
                subcomponent = null;
            } else if (subcomponent.length() > MAX_SUBCOMPONENT_CHARS) {
                return reject(lineNumber, "field \"subcomponent\" has " + subcomponent.length()
                        + " characters; at most " + MAX_SUBCOMPONENT_CHARS + " are allowed");
            }
        }
        return new Result(lineNumber, new ParsedPrompt(dimension.get(), subcomponent, text), null);
    }

    private static Result reject(long lineNumber, String reason) {
        return new Result(lineNumber, null, reason);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
