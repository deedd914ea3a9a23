package org.flamesaudit.generation;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.flamesaudit.support.Jsons;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How providers signal what became of a call, as data in one place ({@value #RESOURCE}): each row maps an HTTP
 * status and a field of the answer's JSON body (an error code, a finish or stop reason) to an outcome, and names the
 * documentation it comes from. The first matching row wins. Outcomes: {@code BLOCKED} (the provider's safety system:
 * never retried, never halts), {@code TRUNCATED} (cut by the token limit: kept, not retried), {@code FAILED} (a
 * failed attempt, retried) and {@code SETUP} (the run's own settings are wrong for this provider: the run halts with
 * the row's note as the fix).
 *
 * <p>Row fields: {@code status} is an HTTP status or {@code 200} for a successful answer; {@code field} a dotted path
 * into the body ({@code error.code}, {@code choices.0.finish_reason}); {@code match} {@code =} (equal; {@code *}: any
 * value present) or {@code ~} (contains, ignoring case).
 */
public final class ProviderSignatures {

    public static final String RESOURCE = "provider-signatures.tsv";
    /** A row's status {@code *}: any HTTP status (providers disagree on the status of some moderation codes). */
    static final int ANY_STATUS = -1;
    private static final Set<String> OUTCOMES = Set.of("BLOCKED", "TRUNCATED", "FAILED", "SETUP");

    /** One documented signal. */
    public record Signature(String id, String provider, int status, String field, String match, String value,
                            String outcome, String note, String source) {

        boolean matches(int status, JsonObject body) {
            return (this.status == ANY_STATUS || this.status == status) && matchesBody(body);
        }

        /** Whether the body carries the row's signal, whatever the HTTP status. */
        boolean matchesBody(JsonObject body) {
            if (body == null) {
                return false;
            }
            String v = leaf(body, field);
            if (v == null) {
                return false;
            }
            return match.equals("~") ? v.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))
                    : value.equals("*") || value.equals(v);
        }

        /** The row's outcome as an item outcome (SETUP has none: the run halts). */
        public ItemOutcome itemOutcome() {
            return outcome.equals("SETUP") ? null : ItemOutcome.valueOf(outcome);
        }
    }

    private static final List<Signature> ROWS = load();

    private ProviderSignatures() {
    }

    public static List<Signature> all() {
        return ROWS;
    }

    /** The first row that matches an answer of {@code status} with this body, if any. */
    public static Optional<Signature> match(int status, JsonObject body) {
        return ROWS.stream().filter(s -> s.matches(status, body)).findFirst();
    }

    /**
     * Turns a non-200 answer into its exception: a documented moderation error is a {@link ProviderBlockedException},
     * a setup error a {@link ProviderSetupException}, anything else {@link ProviderErrors#forHttpStatus}. The
     * body is classified as the provider sent it; {@code redact} is applied to what is kept.
     */
    public static ProviderException errorFor(int status, String rawBody, java.time.Duration retryAfter,
                                             java.util.function.UnaryOperator<String> redact) {
        JsonObject json = parseOrNull(rawBody);
        Optional<Signature> row = match(status, json);
        if (row.isPresent()) {
            Signature s = row.get();
            String message = redact.apply(json == null ? rawBody : firstNonNull(leaf(json, "error.message"),
                    leaf(json, "message"), leaf(json, "base_resp.status_msg"), rawBody));
            String code = redact.apply(leaf(json, s.field()));
            switch (s.outcome()) {
                case "BLOCKED" -> {
                    return new ProviderBlockedException(status, new ProviderBlock(s.id(), code, message));
                }
                case "SETUP" -> {
                    return new ProviderSetupException("HTTP " + status + " (" + s.id() + "): "
                            + JsonHttpCall.abbreviate(message), status, s.note());
                }
                default -> {
                    // FAILED or TRUNCATED rows name no error statuses; a retried failure below
                }
            }
        }
        return ProviderErrors.forHttpStatus(status, redact.apply(rawBody), retryAfter);
    }

    /** What the signature table says of a 200 answer: the outcome it signals (null: none) and the block, if any. */
    public record AnswerSignal(ItemOutcome signalled, ProviderBlock block) {
    }

    /**
     * Reads a 200 answer's body against the table. A row that names a failure makes the answer a failed attempt
     * (thrown, retried); a block keeps the row, the field's value and the provider's explanation when it gives one
     * ({@code stop_details.explanation}), else the field and its value.
     *
     * @throws ProviderException (retriable) when a FAILED row matches
     */
    public static AnswerSignal ofAnswer(JsonObject json, String body) throws ProviderException {
        Signature signal = match(200, json).orElse(null);
        if (signal != null && signal.itemOutcome() == ItemOutcome.FAILED) {
            // an error carried in a 200 (a stream's error event: DashScope's data_inspection_failed, Anthropic's
            // "Output blocked by content filtering policy") may itself be a documented block, whatever its status
            Signature block = ROWS.stream().filter(s -> s.itemOutcome() == ItemOutcome.BLOCKED && s.matchesBody(json))
                    .findFirst().orElse(null);
            if (block != null) {
                String message = firstNonNull(leaf(json, "error.message"), leaf(json, "message"), body);
                return new AnswerSignal(ItemOutcome.BLOCKED, new ProviderBlock(block.id(), leaf(json, block.field()),
                        message));
            }
        }
        if (signal == null) {
            return new AnswerSignal(null, null);
        }
        if (signal.itemOutcome() == ItemOutcome.FAILED) {
            throw new ProviderException("the provider answered 200 with an error (" + signal.id() + "): "
                    + JsonHttpCall.abbreviate(body), true, 200, null, null);
        }
        if (signal.itemOutcome() != ItemOutcome.BLOCKED) {
            return new AnswerSignal(signal.itemOutcome(), null);
        }
        String value = leaf(json, signal.field());
        String explanation = leaf(json, "stop_details.explanation");
        return new AnswerSignal(ItemOutcome.BLOCKED, new ProviderBlock(signal.id(), value,
                explanation != null ? explanation : signal.field() + " = " + value));
    }

    /** The value at a dotted path ({@code choices.0.finish_reason}) as text, or null when absent or JSON null. */
    public static String leaf(JsonObject body, String path) {
        JsonValue v = body;
        for (String part : path.split("\\.")) {
            if (v instanceof JsonObject o) {
                v = o.get(part);
            } else if (v instanceof JsonArray a && part.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(part);
                v = i < a.size() ? a.get(i) : null;
            } else {
                return null;
            }
            if (v == null) {
                return null;
            }
        }
        return switch (v.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) v).getString();
            case OBJECT, ARRAY -> v.toString();
            default -> v.toString();
        };
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static JsonObject parseOrNull(String body) {
        if (body == null || body.isBlank() || body.length() > 1_000_000) {
            return null;
        }
        try (var reader = Jsons.JSON.createReader(new StringReader(body))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Reads and checks the table; a malformed row fails the class loading with its line number. */
    static List<Signature> load() {
        try (InputStream in = ProviderSignatures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Signature> parse(List<String> lines) {
        List<Signature> rows = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#") || n == 0 && line.startsWith("id\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String where = RESOURCE + " line " + (n + 1);
            if (f.length != 9) {
                throw new IllegalStateException(where + ": expected 9 tab-separated fields, found " + f.length);
            }
            int status;
            try {
                status = f[2].equals("*") ? ANY_STATUS : Integer.parseInt(f[2]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(where + ": status \"" + f[2] + "\" is not a number");
            }
            if (!f[4].equals("=") && !f[4].equals("~")) {
                throw new IllegalStateException(where + ": match must be = or ~");
            }
            if (!OUTCOMES.contains(f[6])) {
                throw new IllegalStateException(where + ": outcome must be one of " + OUTCOMES);
            }
            if (f[6].equals("SETUP") && f[7].isBlank()) {
                throw new IllegalStateException(where + ": a SETUP row needs a note that tells the user the fix");
            }
            if (!f[8].startsWith("https://")) {
                throw new IllegalStateException(where + ": source must be an https URL");
            }
            if (!ids.add(f[0])) {
                throw new IllegalStateException(where + ": id " + f[0] + " is used twice");
            }
            rows.add(new Signature(f[0], f[1], status, f[3], f[4], f[5], f[6], f[7], f[8]));
        }
        return List.copyOf(rows);
    }
}
