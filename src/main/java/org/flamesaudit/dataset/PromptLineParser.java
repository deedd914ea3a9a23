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
 * Validates one line of a Flames prompt file ({@code {"dimension", "subcomponent"?, "prompt", "risk"?, "kind"?}}) and
 * turns it into
 * either an accepted prompt or a rejection that names the line and the field. Stateless and thread-safe.
 */
public final class PromptLineParser {

    public static final int MAX_PROMPT_CHARS = 8_000;
    /**
     * The longest line read, in bytes: a prompt of {@link #MAX_PROMPT_CHARS} characters written with {@code \\uXXXX}
     * escapes takes 48,000 bytes; 256 KiB leaves room for other fields and keeps a hostile line cheap.
     */
    public static final int MAX_LINE_BYTES = 256 * 1024;
    /** The deepest nesting of a field's value read (a Flames line has none: its fields are strings). */
    public static final int MAX_DEPTH = 16;
    public static final int MAX_SUBCOMPONENT_CHARS = 200;

    /** The outcome for one line. Exactly one of {@code prompt} and {@code rejection} is set. */
    public record Result(long lineNumber, ParsedPrompt prompt, String rejection) {
        public boolean accepted() {
            return prompt != null;
        }
    }

    /**
     * An accepted line. {@code risk} and {@code kind} are the optional fields of a TC260-003 / GB/T 45654 question
     * bank: the Annex A risk the question tests ({@code "A.2.e"}) and its bank ({@code "generated-content"},
     * {@code "should-refuse"}, {@code "non-refusal"}); null when the line has none (a Flames line).
     */
    public record ParsedPrompt(Dimension dimension, String subcomponent, String text, AnnexARisk risk, BankKind kind) {
        public ParsedPrompt(Dimension dimension, String subcomponent, String text) {
            this(dimension, subcomponent, text, null, null);
        }
    }

    public Result parse(long lineNumber, byte[] rawLine) {
        return parse(new JsonlLineReader.RawLine(lineNumber, rawLine));
    }

    /**
     * Checks one line. A line longer than {@link #MAX_LINE_BYTES}, nested deeper than {@link #MAX_DEPTH}, with a key
     * twice, text after the object or a NUL character in a field is rejected with that reason; memory stays bounded
     * by the line limit whatever the line holds.
     */
    public Result parse(JsonlLineReader.RawLine raw) {
        long lineNumber = raw.lineNumber();
        if (raw.tooLong()) {
            return reject(lineNumber, "line is " + raw.byteLength() + " bytes long; at most " + MAX_LINE_BYTES
                    + " are read (a prompt has at most " + MAX_PROMPT_CHARS + " characters)");
        }
        String line;
        try {
            line = raw.decodeUtf8();
        } catch (CharacterCodingException e) {
            return reject(lineNumber, "not valid UTF-8");
        }
        if (line.isBlank()) {
            return reject(lineNumber, "blank line");
        }
        JsonObject object;
        try (JsonParser parser = Json.createParser(new StringReader(line))) {
            if (!parser.hasNext()) {
                return reject(lineNumber, "invalid JSON: empty");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                return reject(lineNumber, "not a JSON object (found " + describe(first) + ")");
            }
            var fields = Json.createObjectBuilder();
            java.util.Set<String> keys = new java.util.HashSet<>();
            while (true) {
                JsonParser.Event e = parser.next();
                if (e == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString();
                if (!keys.add(key)) {
                    return reject(lineNumber, "key \"" + abbreviate(key, 60) + "\" appears twice");
                }
                JsonParser.Event valueEvent = parser.next();
                if (valueEvent == JsonParser.Event.START_OBJECT || valueEvent == JsonParser.Event.START_ARRAY) {
                    if (!skipNested(parser)) {
                        return reject(lineNumber, "field \"" + abbreviate(key, 60) + "\" is nested deeper than "
                                + MAX_DEPTH + " levels");
                    }
                    fields.add(key, valueEvent == JsonParser.Event.START_OBJECT ? JsonValue.EMPTY_JSON_OBJECT
                            : JsonValue.EMPTY_JSON_ARRAY); // only its type is checked below
                } else {
                    fields.add(key, parser.getValue());
                }
            }
            if (parser.hasNext()) {
                return reject(lineNumber, "invalid JSON: unexpected content after the JSON value");
            }
            object = fields.build();
        } catch (JsonParsingException e) {
            return reject(lineNumber, "invalid JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return reject(lineNumber, "invalid JSON: " + e.getMessage());
        }

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
        if (text.indexOf('\u0000') >= 0) {
            return reject(lineNumber, "field \"prompt\" contains a NUL character (\\u0000), which a database text "
                    + "column cannot hold");
        }
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
            if (subcomponent.indexOf('\u0000') >= 0) {
                return reject(lineNumber, "field \"subcomponent\" contains a NUL character (\\u0000), which a "
                        + "database text column cannot hold");
            }
            if (subcomponent.isEmpty()) {
                subcomponent = null;
            } else if (subcomponent.length() > MAX_SUBCOMPONENT_CHARS) {
                return reject(lineNumber, "field \"subcomponent\" has " + subcomponent.length()
                        + " characters; at most " + MAX_SUBCOMPONENT_CHARS + " are allowed");
            }
        }
        AnnexARisk risk = null;
        JsonValue riskValue = object.get("risk");
        if (riskValue != null && riskValue.getValueType() != JsonValue.ValueType.NULL) {
            if (riskValue.getValueType() != JsonValue.ValueType.STRING) {
                return reject(lineNumber, "field \"risk\" must be a string when present (an Annex A risk code such "
                        + "as \"A.2.e\")");
            }
            String code = ((JsonString) riskValue).getString().strip();
            var known = AnnexARisk.fromCode(code);
            if (known.isEmpty()) {
                return reject(lineNumber, "field \"risk\": \"" + abbreviate(code, 60) + "\" is not a risk code of "
                        + "Annex A of TC260-003 / GB/T 45654 (A.1.a to A.1.h, A.2.a to A.2.i, A.3.a to A.3.e, A.4.a "
                        + "to A.4.g, A.5.a, A.5.b)");
            }
            risk = known.get();
        }
        BankKind kind = null;
        JsonValue kindValue = object.get("kind");
        if (kindValue != null && kindValue.getValueType() != JsonValue.ValueType.NULL) {
            if (kindValue.getValueType() != JsonValue.ValueType.STRING) {
                return reject(lineNumber, "field \"kind\" must be a string when present (" + BankKind.labels() + ")");
            }
            String label = ((JsonString) kindValue).getString().strip();
            var known = BankKind.fromLabel(label);
            if (known.isEmpty()) {
                return reject(lineNumber, "field \"kind\": \"" + abbreviate(label, 60) + "\" is not one of "
                        + BankKind.labels());
            }
            kind = known.get();
        }
        return new Result(lineNumber, new ParsedPrompt(dimension.get(), subcomponent, text, risk, kind), null);
    }

    /** Skips the object or array just started, iteratively; false when it is nested deeper than {@link #MAX_DEPTH}. */
    private static boolean skipNested(JsonParser parser) {
        int depth = 1;
        while (depth > 0) {
            JsonParser.Event e = parser.next();
            if (e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY) {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
            } else if (e == JsonParser.Event.END_OBJECT || e == JsonParser.Event.END_ARRAY) {
                depth--;
            }
        }
        return true;
    }

    private static String describe(JsonParser.Event e) {
        return switch (e) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> e.name().toLowerCase();
        };
    }

    private static Result reject(long lineNumber, String reason) {
        return new Result(lineNumber, null, reason);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
