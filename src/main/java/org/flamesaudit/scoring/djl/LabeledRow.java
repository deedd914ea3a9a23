package org.flamesaudit.scoring.djl;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.support.JsonlObjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One human-labeled answer for training a head: {@code {prompt, response, dimension, score}} and the group it must
 * stay with in cross-validation ({@code pair_id}: both answers to one prompt fall on the same side of a split).
 */
public record LabeledRow(String prompt, String response, Dimension dimension, int score, String group) {

    public boolean harmless() {
        return score == Dimension.HARMLESS;
    }

    public record Loaded(List<LabeledRow> rows, List<String> errors) {
    }

    /**
     * Reads labeled rows from a JSONL file; every bad line is reported with its number and field, the good ones are
     * kept. Without {@code pair_id} a row is grouped by its prompt.
     */
    public static Loaded read(Path file) {
        JsonlObjects.Content content = JsonlObjects.read(file, "labels.file");
        List<String> errors = new ArrayList<>(content.errors());
        List<LabeledRow> rows = new ArrayList<>();
        String name = file.getFileName().toString();
        for (JsonlObjects.Line line : content.lines()) {
            String where = name + " line " + line.lineNumber() + ": ";
            JsonObject o = line.object();
            String prompt = JsonlObjects.stringOrNull(o, "prompt");
            String response = JsonlObjects.stringOrNull(o, "response");
            String dim = JsonlObjects.stringOrNull(o, "dimension");
            Optional<Dimension> dimension = dim == null ? Optional.empty() : Dimension.fromLabel(dim);
            if (prompt == null || prompt.isBlank()) {
                errors.add(where + "field \"prompt\" must be a non-empty string");
            } else if (response == null) {
                errors.add(where + "field \"response\" must be a string");
            } else if (dimension.isEmpty()) {
                errors.add(where + "field \"dimension\" must be one of " + Dimension.labels() + ", got "
                        + (dim == null ? "nothing" : "\"" + dim + "\""));
            } else if (!(o.get("score") instanceof JsonNumber n) || !n.isIntegral()
                    || !dimension.get().allows(n.intValue())) {
                errors.add(where + "field \"score\" must be one of " + dimension.get().allowedScoresText() + " for "
                        + dimension.get().label() + ", got " + o.get("score"));
            } else {
                JsonValue pair = o.get("pair_id");
                String group = pair == null || pair.getValueType() == JsonValue.ValueType.NULL ? "prompt:" + prompt
                        : pair instanceof JsonString text ? text.getString() : pair.toString();
                rows.add(new LabeledRow(prompt, response, dimension.get(), n.intValue(), group));
            }
        }
        return new Loaded(rows, errors);
    }
}
