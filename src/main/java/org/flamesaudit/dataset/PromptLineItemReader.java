package org.flamesaudit.dataset;

import org.flamesaudit.support.JsonlLineReader;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Reads the staged prompt file of a set as raw lines. Its checkpoint is the byte offset and line number of the next
 * line, so a restarted import continues exactly after the last committed chunk.
 */
@Named
@Dependent
public class PromptLineItemReader extends AbstractItemReader {

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    DatasetStore store;

    private JsonlLineReader reader;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        PromptSet set = store.require(Long.parseLong(promptSetId));
        JsonlLineReader.Cursor from = checkpoint instanceof JsonlLineReader.Cursor c ? c : JsonlLineReader.Cursor.START;
        reader = new JsonlLineReader(Path.of(set.getStagedFile()), from, PromptLineParser.MAX_LINE_BYTES);
    }

    @Override
    public Object readItem() throws Exception {
        return reader.next();
    }

    @Override
    public Serializable checkpointInfo() {
        return reader.cursor();
    }

    @Override
    public void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }
}
