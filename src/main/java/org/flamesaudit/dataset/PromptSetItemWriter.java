package org.flamesaudit.dataset;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.flamesaudit.support.Sha256;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Persists a chunk of accepted prompts and rejected lines in the chunk's transaction. For a set that drops repeated
 * prompts ({@link RepeatedPrompts#DROP}) a prompt whose text an earlier line already has is written as a rejected
 * line naming that line; what was kept before a restart is read back from the database when the writer opens.
 */
@Named
@Dependent
public class PromptSetItemWriter extends AbstractItemWriter {

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    DatasetStore store;

    /** For a set that drops repeats: SHA-256 of each kept text -> its line; null for a set that keeps them. */
    private Map<String, Integer> kept;

    @Override
    public void open(Serializable checkpoint) {
        long id = Long.parseLong(promptSetId);
        kept = store.require(id).getRepeatedPrompts() == RepeatedPrompts.DROP ? store.firstLinesByText(id) : null;
    }

    @Override
    public void writeItems(List<Object> items) {
        store.persistLines(Long.parseLong(promptSetId), kept == null ? items : dropRepeats(items, kept));
    }

    /** The chunk with every prompt whose text was kept at an earlier line turned into that line's rejection. */
    static List<Object> dropRepeats(List<Object> items, Map<String, Integer> kept) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object o : items) {
            PromptLineParser.Result r = (PromptLineParser.Result) o;
            if (r.accepted()) {
                Integer first = kept.putIfAbsent(Sha256.of(r.prompt().text()), (int) r.lineNumber());
                if (first != null && first != r.lineNumber()) {
                    r = new PromptLineParser.Result(r.lineNumber(), null, DatasetStore.DROPPED_PREFIX + first
                            + "; dropped (repeatedPrompts: drop)");
                }
            }
            out.add(r);
        }
        return out;
    }
}
