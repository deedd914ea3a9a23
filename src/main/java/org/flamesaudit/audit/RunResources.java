package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.generation.ConnectorFactory;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.RetryingCaller;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScorerFactory;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.support.Secrets;

import java.io.StringReader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The connector and scorer of each active run, built once per run and JVM and shared by all its partitions (both
 * are thread-safe), so a replay file or a scorer model is loaded once. Released when the run's job ends.
 */
@ApplicationScoped
public class RunResources {

    public record Resources(TargetSpec target, ModelConnector connector, RetryingCaller retrying,
                            ScorerSpec scorerSpec, Scorer scorer) {
    }

    private final ConcurrentMap<Long, Resources> byRun = new ConcurrentHashMap<>();
    private final Secrets secrets = Secrets.fromSystemEnvironment();

    @Inject
    RunStore runs;

    public Resources forRun(long runId) {
        return byRun.computeIfAbsent(runId, this::build);
    }

    private Resources build(long runId) {
        AuditRun run = runs.require(runId);
        TargetSpec target = TargetSpec.fromJson(parse(run.getTargetConfig()));
        ScorerSpec scorerSpec = ScorerSpec.fromJson(parse(run.getScorerConfig()));
        ConnectorFactory connectors = new ConnectorFactory(secrets);
        ModelConnector connector = connectors.create(target);
        Scorer scorer = new ScorerFactory(secrets).create(scorerSpec);
        if (!scorer.key().equals(run.getScorerKey())) {
            connector.close();
            scorer.close();
            throw new org.flamesaudit.support.ConfigurationException("scorer", "the scorer changed since run " + runId
                    + " was created (was " + run.getScorerKey() + ", now " + scorer.key()
                    + "); restore the original scorer file or start a new run");
        }
        return new Resources(target, connector, new RetryingCaller(ConnectorFactory.retryPolicy(target)), scorerSpec, scorer);
    }

    public void release(long runId) {
        Resources r = byRun.remove(runId);
        if (r != null) {
            r.connector().close();
            r.scorer().close();
        }
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
