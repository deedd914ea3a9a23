package org.flamesaudit.scoring;

import jakarta.persistence.EntityManager;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.audit.RunQueries;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.dataset.Prompt;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.generation.GenerationOutcome;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.generation.ModelResponse;
import org.flamesaudit.generation.ProviderBlock;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.reporting.ReportDataLoader;
import org.flamesaudit.reporting.ReportItem;
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.testsupport.QueryTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The score that counts ({@code run_item}, V13) and every query that reads it, on H2 migrated by the application's
 * own Flyway scripts, without a server. One run of twelve answered prompts (two more in scope, not answered yet)
 * covers every outcome, a reviewer's override of a score and of an UNSCORABLE verdict, and another scorer's verdicts
 * that must be ignored:
 * <pre>
 *  line outcome          run's scorer (llm-judge)   review   other scorer (djl)   counts as
 *   1   ANSWERED         SCORED 3                            1                    3
 *   2   ANSWERED         SCORED 1                   3                             3 (reviewed)
 *   3   ANSWERED         UNSCORABLE                 2                             2 (reviewed)
 *   4   ANSWERED         UNSCORABLE                                               unscorable
 *   5   REFUSED          SCORED 3                                                 3
 *   6   TRUNCATED, text  SCORED 2                                                 2
 *   7   TRUNCATED, none                                                           not scored
 *   8   EMPTY                                                                     not scored
 *   9   BLOCKED                                                                   blocked
 *  10   FAILED                                                                    failed
 *  11   ANSWERED         (none yet)                                               pending
 *  12   ANSWERED         (none yet)                          1                    pending
 * </pre>
 */
class RunItemQueriesTest {

    private static QueryTestDatabase db;
    private static long runId;

    @BeforeAll
    static void createRun() {
        db = new QueryTestDatabase();
        runId = db.inTransaction(em -> {
            PromptSet set = new PromptSet("query-test", 1, "0".repeat(64), "test", "query-test.jsonl");
            set.markReady(14, 0);
            em.persist(set);
            AuditRun run = new AuditRun(set, "{\"connector\":\"openai\",\"model\":\"m\"}",
                    "{\"type\":\"llm-judge\"}", "llm-judge", 4, null, 14);
            em.persist(run);
            for (int line = 1; line <= 14; line++) {
                Prompt p = new Prompt(set, line, Dimension.FAIRNESS, "sub" + (line % 2), "prompt " + line);
                em.persist(p);
                if (line <= 12) {
                    answer(em, run, p, line);
                }
            }
            return run.getId();
        });
    }

    private static void answer(EntityManager em, AuditRun run, Prompt p, int line) {
        ItemOutcome outcome = switch (line) {
            case 5 -> ItemOutcome.REFUSED;
            case 6, 7 -> ItemOutcome.TRUNCATED;
            case 8 -> ItemOutcome.EMPTY;
            case 9 -> ItemOutcome.BLOCKED;
            case 10 -> ItemOutcome.FAILED;
            default -> ItemOutcome.ANSWERED;
        };
        boolean hasText = outcome == ItemOutcome.ANSWERED || outcome == ItemOutcome.REFUSED || line == 6;
        ModelResponse r = new ModelResponse(run, p, new GenerationOutcome(outcome, hasText ? "answer " + line : null,
                null, line == 9 ? new ProviderBlock("content_filter", "400", "blocked") : null, 100 + line, 10, 20,
                line == 6 || line == 7 ? "length" : "stop", 1, line == 10 ? "HTTP 503" : null));
        em.persist(r);
        Map<Integer, ScoreResult> own = Map.of(1, scored(3), 2, scored(1), 3, ScoreResult.unscorable("?", "?"),
                4, ScoreResult.unscorable("?", "?"), 5, scored(3), 6, scored(2));
        if (own.containsKey(line)) {
            Score s = new Score(r, "llm-judge", "judge-1", own.get(line));
            if (line == 2) {
                s.review(3, "rev", Instant.now());
            } else if (line == 3) {
                s.review(2, "rev", Instant.now());
            }
            em.persist(s);
        }
        if (line == 1 || line == 12) {
            em.persist(new Score(r, "djl", "djl-1", scored(1)));
        }
    }

    private static ScoreResult scored(int value) {
        return ScoreResult.of(Dimension.FAIRNESS, value, "why", "raw");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<RunItem> view() {
        return db.inTransaction(em -> em.createQuery("select i from RunItem i where i.runId = :run order by i.line",
                RunItem.class).setParameter("run", runId).getResultList());
    }

    @Test
    void theViewHasOneRowPerAnswerWithTheScoreThatCounts() {
        List<RunItem> items = view();
        assertThat(items).extracting(RunItem::getLine).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(items).extracting(RunItem::getEffectiveValue)
                .containsExactly(3, 3, 2, null, 3, 2, null, null, null, null, null, null);
        assertThat(items).extracting(RunItem::state).containsExactly(RunItem.State.SCORED, RunItem.State.REVIEWED,
                RunItem.State.REVIEWED, RunItem.State.UNSCORABLE, RunItem.State.SCORED, RunItem.State.SCORED,
                RunItem.State.NOT_SCORED, RunItem.State.NOT_SCORED, RunItem.State.BLOCKED, RunItem.State.FAILED,
                RunItem.State.PENDING, RunItem.State.PENDING);
        // the scorer's own verdicts are kept beside the review; another scorer's never appear
        assertThat(items).extracting(RunItem::getScorerValue)
                .containsExactly(3, 1, null, null, 3, 2, null, null, null, null, null, null);
        assertThat(items).extracting(RunItem::getScorerKey).containsOnly("llm-judge", null);
    }

    @Test
    void theViewsScorableOutcomesAreTheScorersOwn() {
        // the view writes ItemOutcome.SCORED_OUTCOMES in SQL: an answer with text is scorable exactly for those
        List<RunItem> withText = view().stream().filter(i -> i.getResponse() != null).toList();
        assertThat(withText).isNotEmpty().allSatisfy(i -> assertThat(i.isScorable())
                .as("line %d (%s)", i.getLine(), i.getOutcome())
                .isEqualTo(ItemOutcome.SCORED_OUTCOMES.contains(i.getOutcome())));
        assertThat(view().stream().filter(RunItem::isScorable).map(RunItem::getOutcome).distinct())
                .containsExactlyInAnyOrderElementsOf(ItemOutcome.SCORED_OUTCOMES);
        assertThat(view().stream().filter(i -> i.getResponse() == null)).noneMatch(RunItem::isScorable);
        assertThat(EnumSet.complementOf(EnumSet.copyOf(ItemOutcome.SCORED_OUTCOMES)))
                .containsExactlyInAnyOrder(ItemOutcome.EMPTY, ItemOutcome.BLOCKED, ItemOutcome.FAILED);
    }

    @Test
    void metricsCountTheScoreThatCounts() {
        FlamesMetrics.Result m = db.inTransaction(em -> QueryTestDatabase.wire(new RunMetricsService(), em,
                QueryTestDatabase.wire(new ScorerPanels(), em, QueryTestDatabase.wire(new RunStore(), em)))
                .compute(runId));
        DimensionStats fairness = m.dimensions().get(Dimension.FAIRNESS);
        assertThat(fairness.n()).isEqualTo(5);
        assertThat(List.of(fairness.count1(), fairness.count2(), fairness.count3())).containsExactly(0L, 2L, 3L);
        assertThat(fairness.harmlessRate()).isEqualTo(0.6);
        assertThat(fairness.harmlessScore()).isCloseTo(100.0 * 13 / 15, within(1e-12));
        assertThat(m.overallHarmlessRate()).isEqualTo(0.6);
        assertThat(m.unscorable()).isEqualTo(1);
        assertThat(m.failed()).isEqualTo(1);
        assertThat(m.pending()).isEqualTo(4); // lines 11 and 12, and two prompts in scope not answered yet
        assertThat(m.reviewed()).isEqualTo(2);
        assertThat(m.totals().blocked()).isEqualTo(1);
    }

    @Test
    void progressCountsOnlyTheRunsOwnScorer() {
        RunQueries.Progress p = db.inTransaction(em -> {
            RunQueries q = QueryTestDatabase.wire(new RunQueries(), em);
            return q.progress(em.find(AuditRun.class, runId));
        });
        assertThat(List.of(p.total(), p.generated(), p.scored(), p.unscorable(), p.failed()))
                .containsExactly(14L, 11L, 4L, 2L, 1L);
        assertThat(p.outcomes()).containsEntry(ItemOutcome.ANSWERED, 6L).containsEntry(ItemOutcome.TRUNCATED, 2L)
                .containsEntry(ItemOutcome.REFUSED, 1L).containsEntry(ItemOutcome.EMPTY, 1L)
                .containsEntry(ItemOutcome.BLOCKED, 1L).containsEntry(ItemOutcome.FAILED, 1L);
    }

    @Test
    void theItemFiltersUseTheScoreThatCounts() {
        Map<String, List<Integer>> lines = db.inTransaction(em -> {
            RunQueries q = QueryTestDatabase.wire(new RunQueries(), em);
            AuditRun run = em.find(AuditRun.class, runId);
            Map<String, List<Integer>> out = new java.util.TreeMap<>();
            for (String f : List.of("1", "2", "3", "unscorable", "failed", "unscored")) {
                RunQueries.Page page = q.items(run, null, null, f, null, 0, 50);
                assertThat(page.total()).as(f).isEqualTo(page.items().size());
                out.put(f, page.items().stream().map(RunQueries.Item::line).toList());
            }
            out.put("sub1 page 2 of 2", q.items(run, Dimension.FAIRNESS, "sub1", null, null, 1, 3).items().stream()
                    .map(RunQueries.Item::line).toList());
            out.put("BLOCKED", q.items(run, null, null, null, ItemOutcome.BLOCKED, 0, 50).items().stream()
                    .map(RunQueries.Item::line).toList());
            return out;
        });
        assertThat(lines).containsEntry("1", List.of()).containsEntry("2", List.of(3, 6))
                .containsEntry("3", List.of(1, 2, 5)).containsEntry("unscorable", List.of(4))
                .containsEntry("failed", List.of(10)).containsEntry("unscored", List.of(11, 12))
                .containsEntry("sub1 page 2 of 2", List.of(7, 9, 11)).containsEntry("BLOCKED", List.of(9));
        RunQueries.Item reviewed = db.inTransaction(em -> QueryTestDatabase.wire(new RunQueries(), em)
                .items(em.find(AuditRun.class, runId), null, null, "3", null, 0, 50).items().get(1));
        assertThat(List.of(reviewed.line(), reviewed.score(), reviewed.reviewedScore())).containsExactly(2, 1, 3);
        assertThat(reviewed.reviewedBy()).isEqualTo("rev");
    }

    @Test
    void theReviewQueueAndAgreementReadTheScorersOwnVerdicts() {
        ReviewService.Queue queue = db.inTransaction(em -> reviewService(em).queue(runId, 0, 50));
        // not yet reviewed: the UNSCORABLE verdict first, then the scorer's 2; the other scorer's 1 on line 12 is not
        // the run's
        assertThat(queue.total()).isEqualTo(2);
        assertThat(queue.items()).extracting(ReviewService.QueueItem::line).containsExactly(4, 6);
        assertThat(queue.items()).extracting(ReviewService.QueueItem::machineStatus)
                .containsExactly("UNSCORABLE", "SCORED");
        var agreement = db.inTransaction(em -> reviewService(em).agreement(runId));
        // one pair (scorer 1, reviewer 3) on Fairness; the reviewed UNSCORABLE verdict has no scorer score
        assertThat(agreement.get("overall").n()).isEqualTo(1);
        assertThat(agreement.get("overall").accuracy()).isEqualTo(0.0);
        assertThat(agreement.get(Dimension.FAIRNESS.label()).n()).isEqualTo(1);
    }

    private static ReviewService reviewService(EntityManager em) {
        RunStore runs = QueryTestDatabase.wire(new RunStore(), em);
        return QueryTestDatabase.wire(new ReviewService(), em, runs, QueryTestDatabase.wire(new RunMetricsService(), em,
                QueryTestDatabase.wire(new ScorerPanels(), em, runs)),
                QueryTestDatabase.wire(new org.flamesaudit.auditchain.AuditChain(), em));
    }

    @Test
    void reportsShowTheScoreThatCountsAndWhoGaveIt() {
        List<ReportItem> items = db.inTransaction(em -> {
            ReportDataLoader loader = QueryTestDatabase.wire(new ReportDataLoader(), em);
            try (Stream<ReportItem> s = loader.items(runId)) {
                return s.sorted(Comparator.comparingInt(ReportItem::lineNumber)).toList();
            }
        });
        assertThat(items).extracting(ReportItem::score)
                .containsExactly(3, 3, 2, null, 3, 2, null, null, null, null, null, null);
        assertThat(items).extracting(ReportItem::status).containsExactly("SCORED", "REVIEWED (scorer: 1)",
                "REVIEWED (scorer: UNSCORABLE)", "UNSCORABLE", "SCORED", "SCORED", "NOT SCORED (TRUNCATED)",
                "NOT SCORED (EMPTY)", "NOT SCORED (BLOCKED)", "FAILED", "PENDING", "PENDING");
        assertThat(items.get(1).scorer()).isEqualTo("review:rev / llm-judge");
        assertThat(items.get(8).block()).isEqualTo("content_filter · 400: blocked");
        List<Integer> worst = db.inTransaction(em -> QueryTestDatabase.wire(new ReportDataLoader(), em)
                .worstExamples(em.find(AuditRun.class, runId)).get(Dimension.FAIRNESS).stream()
                .map(ReportItem::lineNumber).toList());
        assertThat(worst).containsExactly(3, 6);
    }
}
