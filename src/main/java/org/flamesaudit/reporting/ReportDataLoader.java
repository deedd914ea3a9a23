package org.flamesaudit.reporting;

import org.flamesaudit.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Sha256;

import java.time.Instant;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.stream.Stream;

/** Reads what a report shows from the database: the run's header, totals, worst examples and every item. */
@ApplicationScoped
@Transactional
public class ReportDataLoader {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @jakarta.inject.Inject
    SignOffStore signOffs;

    @Inject
    RunStore runs;

    @Inject
    org.flamesaudit.review.RunScorerCards scorerCards;

    @Inject
    RunMetricsService metricsService;

    @Inject
    org.flamesaudit.review.BlindReviews blind;

    /** Everything the PDF needs, for a run whose metrics and header the caller has computed. */
    public AuditReportData auditReport(AuditRun run, FlamesMetrics.Result metrics, ReportHeader header) {
        return new AuditReportData(header, cardOf(run), metrics, worstExamples(run), totals(run.getId()),
                blind(run.getId()));
    }

    /** When the run's last blind score was given, or null. */
    public Instant lastBlindScore(long runId) {
        return blind.lastScoredAt(runId);
    }

    /** What the run's blind review sample measured, or null when it has none with a blind score. */
    public org.flamesaudit.review.BlindReviews.Results blind(long runId) {
        return blind.resultsIfSampled(runId);
    }

    /**
     * Per dimension, the answers whose score that counts is below 3, worst first then in file order, at most
     * {@link AuditReportData#EXAMPLES_PER_DIMENSION}; dimensions without any are absent.
     */
    public Map<Dimension, List<ReportItem>> worstExamples(AuditRun run) {
        Map<Dimension, List<ReportItem>> worst = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            List<ReportItem> items = em.createQuery("select i from RunItem i where i.runId = :run "
                            + "and i.dimension = :dim and i.effectiveValue < 3 order by i.effectiveValue, i.line",
                            RunItem.class)
                    .setParameter("run", run.getId()).setParameter("dim", d.label())
                    .setHint("org.hibernate.readOnly", true)
                    .setMaxResults(AuditReportData.EXAMPLES_PER_DIMENSION)
                    .getResultStream().map(ReportDataLoader::toItem).toList();
            if (!items.isEmpty()) {
                worst.put(d, items);
            }
        }
        return worst;
    }

    /** The most runs one comparison report shows (its table and chart stay readable). */
    public static final int MAX_COMPARED_RUNS = 8;

    /**
     * Everything the comparison report needs, the runs in the order given (the first is the baseline). Refuses fewer
     * than two or more than {@link #MAX_COMPARED_RUNS} runs, a run named twice, runs of different prompt files and
     * runs whose metrics are not final yet.
     */
    public CompareReportData compareReport(List<Long> runIds, Instant generatedAt) {
        if (runIds.size() < 2 || runIds.size() > MAX_COMPARED_RUNS) {
            throw new ConfigurationException("runs", "name between 2 and " + MAX_COMPARED_RUNS
                    + " run ids separated by commas, the baseline first; got " + runIds.size());
        }
        if (new HashSet<>(runIds).size() != runIds.size()) {
            throw new ConfigurationException("runs", "a run is named more than once: " + runIds);
        }
        List<CompareReportData.Run> compared = new ArrayList<>();
        AuditRun first = null;
        for (long id : runIds) {
            AuditRun run = runs.requireAggregated(id, "it can be compared");
            if (first == null) {
                first = run;
            } else if (!first.getPromptSet().getSha256().equals(run.getPromptSet().getSha256())) {
                throw new ConfigurationException("runs", "runs " + first.getId() + " and " + id + " audited different "
                        + "prompt files (" + describe(first.getPromptSet()) + " and " + describe(run.getPromptSet())
                        + "); a comparison needs runs on one dataset version");
            }
            FlamesMetrics.Result metrics = metricsService.compute(id);
            compared.add(new CompareReportData.Run(header(run, metrics, generatedAt,
                    org.flamesaudit.support.CurrentUser.name()), metrics));
        }
        String fingerprint = Sha256.of(compared.stream().map(r -> r.header().reportId())
                .collect(Collectors.joining(",")));
        PromptSet set = first.getPromptSet();
        return new CompareReportData("FC-" + fingerprint.substring(0, 10), generatedAt, set.getName(),
                set.getVersion(), set.getSha256(), compared);
    }

    private static String describe(PromptSet set) {
        return set.getName() + " v" + set.getVersion() + ", SHA-256 " + set.getSha256().substring(0, 12) + "…";
    }

    /**
     * What a report of the run says about it, rendered at {@code generatedAt} for {@code renderedBy}, with the
     * sign-off of the report id its data gives.
     */
    public ReportHeader header(AuditRun run, FlamesMetrics.Result metrics, Instant generatedAt, String renderedBy) {
        PromptSet set = run.getPromptSet();
        JsonObject target = Jsons.parseObject(run.getTargetConfig());
        List<String> versions = em.createQuery("select distinct s.scorerVersion from Score s join s.response r "
                        + "where r.run.id = :run and s.scorerKey = :key order by s.scorerVersion", String.class)
                .setParameter("run", run.getId()).setParameter("key", run.getScorerKey()).getResultList();
        String scorerVersion = versions.isEmpty() ? "—" : String.join(", ", versions);
        var config = Json.createObjectBuilder().add("target", target);
        List<String> members = em.createQuery("select m.scorerConfig from RunScorerMember m where m.runId = :run "
                + "order by m.position", String.class).setParameter("run", run.getId()).getResultList();
        if (members.size() > 1) {
            var scorers = Json.createArrayBuilder();
            members.forEach(m -> scorers.add(Jsons.parseObject(m)));
            config.add("scorers", scorers).add("decision", run.getDecisionRule().toLowerCase(java.util.Locale.ROOT));
        } else {
            config.add("scorer", Jsons.parseObject(run.getScorerConfig()));
        }
        String configuration = config.add("concurrency", run.getConcurrency())
                .add("limit", run.getPromptLimit() == null ? Json.createValue("all")
                        : Json.createValue(run.getPromptLimit())).build().toString();
        String reportId = reportId(run, set, scorerVersion, metrics, blind.fingerprint(run.getId()),
                reviewsFingerprint(run.getId()));
        return new ReportHeader(reportId, run.getId(),
                target.getString("model", null), target.getString("connector", "?"), set.getName(), set.getVersion(),
                set.getSha256(), set.getPromptCount(), run.getScorerKey(), scorerVersion, run.getTotal(),
                run.getCreatedAt(), run.getStartedAt(), run.getMetricsAt(), generatedAt, configuration,
                run.getCreatedBy(), run.getPromptLimit(), renderedBy, run.getName(),
                run.getTicket(), null, signOffs.status(run.getId(), reportId),
                run.getGateResult() == null ? null : org.flamesaudit.gate.GateResult.fromJson(
                        org.flamesaudit.support.Jsons.parseObject(run.getGateResult())));
    }

    public org.flamesaudit.scoring.ScorerCard cardOf(AuditRun run) {
        return scorerCards.of(run);
    }

    /**
     * Every answer of the run with its score by the run's scorer, by dimension then line. A stream over a database
     * cursor: consume it inside this bean's transaction (see {@link ReportService}) and close it.
     */
    public Stream<ReportItem> items(long runId) {
        return em.createQuery("select i from RunItem i where i.runId = :run order by i.dimension, i.line",
                        RunItem.class)
                .setParameter("run", runId)
                .setHint("org.hibernate.fetchSize", 500).setHint("org.hibernate.readOnly", true)
                .getResultStream().map(ReportDataLoader::toItem);
    }

    /**
     * For a run with several scorers, every answer a scorer saw with each scorer's verdict, in line order; empty for
     * a run with one scorer.
     */
    public java.util.List<ScorerVerdictRow> scorerVerdicts(long runId) {
        java.util.List<String> keys = em.createQuery("select m.scorerKey from RunScorerMember m where m.runId = :run "
                + "order by m.position", String.class).setParameter("run", runId).getResultList();
        if (keys.size() < 2) {
            return java.util.List.of();
        }
        java.util.Map<Long, java.util.Map<String, String>> given = new java.util.HashMap<>();
        em.createQuery("select s.response.id, s.scorerKey, s.value, s.unscorableReason from Score s "
                        + "where s.response.run.id = :run and s.scorerKey in :keys", Object[].class)
                .setParameter("run", runId).setParameter("keys", keys).getResultStream()
                .forEach(row -> given.computeIfAbsent((Long) row[0], k -> new java.util.HashMap<>())
                        .put((String) row[1], row[2] != null ? row[2].toString() : "UNSCORABLE (" + row[3] + ")"));
        // only the columns the sheet shows: the answers' texts stay in the database
        return em.createQuery("select i.line, i.dimension, i.responseId, i.effectiveValue, i.scoreStatus, "
                        + "i.scorersDisagree from RunItem i where i.runId = :run and i.scorable = true order by i.line",
                        Object[].class).setParameter("run", runId).getResultStream().map(row -> {
                    java.util.Map<String, String> v = given.getOrDefault((Long) row[2], java.util.Map.of());
                    String counted = row[3] != null ? row[3].toString() : row[4] == null ? "PENDING" : row[4].toString();
                    return new ScorerVerdictRow((Integer) row[0], (String) row[1],
                            keys.stream().map(k -> v.getOrDefault(k, "")).toList(), counted, (Boolean) row[5]);
                }).toList();
    }

    /** Every review of the run's scores, oldest first ({@link ReviewRow}). */
    public java.util.List<ReviewRow> reviews(long runId) {
        return em.createQuery(ReviewRow.SELECT, ReviewRow.class).setParameter("run", runId).getResultList();
    }

    RunTotals totals(long runId) {
        Object[] row = em.createQuery("select count(r), avg(r.latencyMs), sum(r.promptTokens), "
                        + "sum(r.completionTokens) from ModelResponse r where r.run.id = :run and r.outcome in :answered",
                Object[].class).setParameter("run", runId).setParameter("answered", ANSWERS_RECEIVED).getSingleResult();
        long answers = ((Number) row[0]).longValue();
        double latency = row[1] == null ? Double.NaN : ((Number) row[1]).doubleValue();
        return new RunTotals(answers, latency, row[2] == null ? 0 : ((Number) row[2]).longValue(),
                row[3] == null ? 0 : ((Number) row[3]).longValue());
    }

    /** The outcomes in which the model under test sent an answer (with or without text). */
    private static final java.util.Set<ItemOutcome> ANSWERS_RECEIVED = java.util.EnumSet.of(ItemOutcome.ANSWERED,
            ItemOutcome.REFUSED, ItemOutcome.TRUNCATED, ItemOutcome.EMPTY);

    /** The item as reports show it: the score that counts, and who gave it when a reviewer did. */
    static ReportItem toItem(RunItem i) {
        RunItem.State state = i.state();
        String status = switch (state) {
            case FAILED -> "FAILED";
            case BLOCKED, NOT_SCORED -> "NOT SCORED (" + i.getOutcome() + ")";
            case REVIEWED -> "REVIEWED (scorer: " + (i.getScorerValue() != null ? i.getScorerValue()
                    : i.getScoreStatus() == null ? "PENDING" : i.getScoreStatus().name()) + ")";
            default -> state.name();
        };
        String scorer = state == RunItem.State.REVIEWED
                ? "review:" + i.getReviewedBy() + " / " + i.getScorerKey() : i.getScorerKey();
        String block = i.getBlockSignal() == null ? null : i.getBlockSignal()
                + (i.getBlockCode() == null ? "" : " · " + i.getBlockCode())
                + (i.getBlockMessage() == null ? "" : ": " + i.getBlockMessage());
        return new ReportItem(i.getLine(), Dimension.requireLabel(i.getDimension()), i.getSubcomponent(),
                i.getPrompt(), i.getResponse(), i.getEffectiveValue(), status, scorer, i.getRationale(),
                i.getLatencyMs(), i.getPromptTokens(), i.getCompletionTokens(), i.getError(), i.getAnsweredAt(),
                i.getOutcome().name(), block, i.getReasoning());
    }

    /**
     * The run's review trail as part of the report id: how many score reviews and the newest one's id, so a review
     * that leaves every figure as it was (the same score again, two that cancel out) still makes a new report,
     * whose review list differs; "" without reviews.
     */
    String reviewsFingerprint(long runId) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), MAX(id) FROM score_review WHERE run_id = ?1")
                .setParameter(1, runId).getSingleResult();
        long count = ((Number) row[0]).longValue();
        return count == 0 ? "" : count + ":" + row[1];
    }

    /**
     * "FA-{run}-{10 hex}": the run and a fingerprint of the data behind the report (dataset, scorer, metrics, blind
     * scores, the review trail), so two
     * renderings of unchanged data carry the same id and any change of a score gives a new one.
     */
    static String reportId(AuditRun run, PromptSet set, String scorerVersion, FlamesMetrics.Result metrics,
                           String blindFingerprint, String reviewsFingerprint) {
        String data = run.getId() + "\n" + set.getSha256() + "\n" + run.getScorerKey() + "\n" + scorerVersion + "\n"
                + MetricsJson.toJson(metrics) + (blindFingerprint.isEmpty() ? "" : "\n" + blindFingerprint)
                + (reviewsFingerprint.isEmpty() ? "" : "\nreviews " + reviewsFingerprint);
        return "FA-" + run.getId() + "-" + Sha256.of(data).substring(0, 10);
    }
}
