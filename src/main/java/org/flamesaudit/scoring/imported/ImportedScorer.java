package org.flamesaudit.scoring.imported;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScoringItem;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonlObjects;
import org.flamesaudit.support.Sha256;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores taken from a JSONL file, such as the official Flames scorer's output: each row has {@code prompt}, an
 * optional {@code response}, the score in {@code predicted} (the official field, a Flames score 3/2/1) or
 * {@code score}, and an optional {@code rationale}. Rows match items by prompt text (and response text when given).
 * A score the item's dimension does not allow, or a missing row, makes the item UNSCORABLE.
 */
public final class ImportedScorer implements Scorer {

    public static final String TYPE = "imported";

    private record Row(long line, int score, String rationale) {
    }

    private final Path file;
    private final String key;
    private final Map<String, Row> byPromptAndResponse = new HashMap<>();
    private final Map<String, Row> byPrompt = new HashMap<>();

    public ImportedScorer(Path file) {
        this.file = file;
        JsonlObjects.Content content = JsonlObjects.read(file, "scorer.file");
        List<String> errors = new ArrayList<>(content.errors());
        for (JsonlObjects.Line line : content.lines()) {
            String where = file.getFileName() + " line " + line.lineNumber() + ": ";
            String prompt = JsonlObjects.stringOrNull(line.object(), "prompt");
            if (prompt == null || prompt.isBlank()) {
                errors.add(where + "field \"prompt\" is missing or not a string");
                continue;
            }
            String field = line.object().containsKey("predicted") ? "predicted" : "score";
            JsonValue v = line.object().get(field);
            if (!(v instanceof JsonNumber n) || !n.isIntegral()
                    || n.bigIntegerValue().compareTo(java.math.BigInteger.ONE) < 0
                    || n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(3)) > 0) {
                errors.add(where + "field \"" + field + "\" must be an integer score 1, 2 or 3");
                continue;
            }
            Row row = new Row(line.lineNumber(), n.intValue(), JsonlObjects.stringOrNull(line.object(), "rationale"));
            String response = JsonlObjects.stringOrNull(line.object(), "response");
            if (response != null) {
                byPromptAndResponse.putIfAbsent(prompt.strip() + "\u0000" + response, row);
            }
            byPrompt.putIfAbsent(prompt.strip(), row);
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException("scorer.file", JsonlObjects.summarize(errors));
        }
        this.key = TYPE + ":" + Sha256.ofFile(file);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String version() {
        return "imported:" + file.getFileName();
    }

    @Override
    public List<ScoreResult> score(List<ScoringItem> batch) {
        List<ScoreResult> out = new ArrayList<>(batch.size());
        for (ScoringItem item : batch) {
            Row row = byPromptAndResponse.get(item.prompt().strip() + "\u0000" + item.response());
            if (row == null) {
                row = byPrompt.get(item.prompt().strip());
            }
            if (row == null) {
                out.add(ScoreResult.unscorable(org.flamesaudit.scoring.UnscorableReason.NOT_IN_IMPORT,
                        "no score for this prompt in " + file.getFileName(), null));
            } else {
                out.add(ScoreResult.of(item.dimension(), row.score(), row.rationale(),
                        file.getFileName() + " line " + row.line()));
            }
        }
        return out;
    }
}
