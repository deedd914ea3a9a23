package org.flamesaudit.scoring.training;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.flamesaudit.support.JsonFields;

import java.util.Properties;

/**
 * Starts the scorer-train job: {@code {"name", "source": {"file": path}}} (a JSONL of {prompt, response, dimension,
 * score[, pair_id]} inside an import directory) or {@code {"name", "source": {"reviews": true}}} (every answer a
 * reviewer has scored). Checked completely before anything is stored.
 */
@ApplicationScoped
public class HeadsTrainingService {

    public static final String JOB = "scorer-train";

    @Inject
    TrainedHeadsStore store;

    public long start(JsonObject body, String user) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required");
        }
        JsonFields f = new JsonFields(body, null).allowOnly("name", "source");
        String name = f.requiredString("name");
        if (name.length() > 200) {
            throw new ConfigurationException("name", "is longer than 200 characters");
        }
        if (!(body.get("source") instanceof JsonObject source)) {
            throw new ConfigurationException("source", "is required: {\"file\": path} or {\"reviews\": true}");
        }
        JsonFields s = new JsonFields(source, "source").allowOnly("file", "reviews");
        if (source.containsKey("file") && source.containsKey("reviews")) {
            throw new ConfigurationException("source", "give file or reviews, not both");
        }
        TrainedHeads h;
        if (source.containsKey("file")) {
            String file = ImportDirectories.configured().require("source.file", s.requiredString("file")).toString();
            h = store.create(name, TrainedHeads.SourceKind.FILE, file, user);
        } else if (Boolean.TRUE.equals(s.optionalBoolean("reviews"))) {
            h = store.create(name, TrainedHeads.SourceKind.REVIEWS, null, user);
        } else {
            throw new ConfigurationException("source", "must be {\"file\": path} or {\"reviews\": true}");
        }
        Properties params = new Properties();
        params.setProperty("headsId", Long.toString(h.getId()));
        long execution = BatchRuntime.getJobOperator().start(JOB, params);
        store.jobSubmitted(h.getId(), execution);
        return h.getId();
    }
}
