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
 * Reads the staged prompt file of a set as raw lines, from the line after the last one stored for the set (a prompt or
 * a rejection): an import resumed after a crash continues exactly after its last committed chunk. The position is
 * taken from the database, which the chunks write, not from JBeret's checkpoint, which its job repository may persist
 * apart from them.
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
        long id = Long.parseLong(promptSetId);
        PromptSet set = store.require(id);
        reader = new JsonlLineReader(Path.of(set.getStagedFile()), JsonlLineReader.Cursor.START,
                PromptLineParser.MAX_LINE_BYTES);
        long stored = store.lastStoredLine(id);
        JsonlLineReader.RawLine line;
        while ((line = reader.next()) != null && line.lineNumber() <= stored) {
            // stored before the import was interrupted
        }
        next = line;
    }

    /** The first line not yet stored, read ahead by {@link #open}; null once handed out. */
    private JsonlLineReader.RawLine next;

    @Override
    public Object readItem() throws Exception {
        if (next != null) {
            JsonlLineReader.RawLine first = next;
            next = null;
            return first;
        }
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
