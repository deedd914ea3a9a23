package org.flamesaudit.generation.replay;

import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.ProviderException;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonlObjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded answers from a JSONL file of {@code {"prompt", "response"}} rows (the input format of the
 * official Flames {@code infer.py}), matched by exact prompt text (surrounding whitespace ignored, as at import).
 * A prompt without a recorded answer fails with a clear error; nothing is invented. The file is validated when the
 * connector is built, so a broken file fails the run before any work.
 */
public final class ReplayConnector implements ModelConnector {

    public static final String TYPE = "replay";

    private final Path file;
    private final Map<String, String> responses;

    public ReplayConnector(Path file) {
        this.file = file;
        JsonlObjects.Content content = JsonlObjects.read(file, "target.file");
        List<String> errors = new ArrayList<>(content.errors());
        Map<String, String> map = new HashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (JsonlObjects.Line line : content.lines()) {
            String prompt = JsonlObjects.stringOrNull(line.object(), "prompt");
            String response = JsonlObjects.stringOrNull(line.object(), "response");
            String where = file.getFileName() + " line " + line.lineNumber() + ": ";
            if (prompt == null || prompt.isBlank()) {
                errors.add(where + "field \"prompt\" is missing or not a string");
                continue;
            }
            if (response == null) {
                errors.add(where + "field \"response\" is missing or not a string");
                continue;
            }
            String key = prompt.strip();
            String previous = map.putIfAbsent(key, response);
            if (previous != null && !previous.equals(response)) {
                errors.add(where + "the same prompt already has a different response on line " + firstLine.get(key));
            }
            firstLine.putIfAbsent(key, line.lineNumber());
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException("target.file", JsonlObjects.summarize(errors));
        }
        if (map.isEmpty()) {
            throw new ConfigurationException("target.file", file + " contains no responses");
        }
        this.responses = Map.copyOf(map);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public int size() {
        return responses.size();
    }

    @Override
    public Generation generate(String prompt) throws ProviderException {
        String response = responses.get(prompt.strip());
        if (response == null) {
            throw ProviderException.nonRetriable("replay file " + file.getFileName()
                    + " has no response for this prompt");
        }
        return new Generation(response, "replay", null, null);
    }
}
