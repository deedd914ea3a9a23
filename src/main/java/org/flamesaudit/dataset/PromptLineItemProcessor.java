package org.flamesaudit.dataset;

import org.flamesaudit.support.JsonlLineReader;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Validates one raw line; bad lines become rejections, so nothing good is lost because of them. */
@Named
@Dependent
public class PromptLineItemProcessor implements ItemProcessor {

    private final PromptLineParser parser = new PromptLineParser();

    @Override
    public Object processItem(Object item) {
        JsonlLineReader.RawLine line = (JsonlLineReader.RawLine) item;
        return parser.parse(line);
    }
}
