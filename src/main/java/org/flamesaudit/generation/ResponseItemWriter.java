package org.flamesaudit.generation;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Stores the chunk's responses; the unique (run, prompt) constraint makes a duplicate impossible. */
@Named
@Dependent
public class ResponseItemWriter extends AbstractItemWriter {

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    GenerationStore store;

    @Override
    public void writeItems(List<Object> items) {
        store.persist(Long.parseLong(runId), items);
    }
}
