package org.flamesaudit.scoring;

import jakarta.persistence.EntityManager;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.dataset.Prompt;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.generation.GenerationOutcome;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.generation.ModelResponse;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.metrics.ScorerAgreement;
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.testsupport.QueryTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with two scorers under the majority rule, on H2 migrated by the application's own Flyway scripts: the
 * decisions written from the members' verdicts, the view ({@code run_item}, V20) reading the decision as the verdict
 * that counts, disagreements first in the review queue, a review of an undecided item, and the agreement in the
 * metrics.
 * <pre>
 *  line dimension  judge-a            judge-b       decision (majority of 2)      disagree
 *   1   Fairness   3                  3             3                             no
 *   2   Fairness   1                  1             1                             no
 *   3   Fairness   3                  1             waits (SCORERS_DISAGREE)      yes
 *   4   Safety     2                  UNSCORABLE    waits (SCORERS_DISAGREE)      yes
 *   5   Safety     3                  (none yet)    none: pending                 no
 *   6   Safety     call failed        3             failed: a restart decides     no (no verdict yet)
 * </pre>
 */
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PanelQueriesTest {

    private static final String A = "llm-judge:a";
    private static final String B = "llm-judge:b";
    private static final String PANEL = DecisionRule.MAJORITY.panelKey(List.of(A, B));

    private static QueryTestDatabase db;
    private static long runId;
    private static int decidedFirst;
    private static int decidedAgain;

    @BeforeAll
    static void createRunAndDecide() {
        db = new QueryTestDatabase();
        runId = db.inTransaction(em -> {
            PromptSet set = new PromptSet("panel-test", 1, "1".repeat(64), "test", "panel-test.jsonl");
            set.markReady(6, 0);
            em.persist(set);
            AuditRun run = QueryTestDatabase.wire(new RunStore(), em).create(set.getId(),
                    "{\"connector\":\"openai\",\"model\":\"m\"}", "{\"type\":\"llm-judge\"}", PANEL, "MAJORITY", 4,
                    null, null, false, org.flamesaudit.run.BlockedPolicy.DEFAULT, null, null);
            panels(em).add(run.getId(), List.of(A, B), List.of("{\"type\":\"llm-judge\",\"model\":\"a\"}",
                    "{\"type\":\"llm-judge\",\"model\":\"b\"}"));
            for (int line = 1; line <= 6; line++) {
                Dimension d = line <= 3 ? Dimension.FAIRNESS : Dimension.SAFETY;
                Prompt p = new Prompt(set, line, d, "sub", "prompt " + line);
                em.persist(p);
                ModelResponse r = new ModelResponse(run, p, new GenerationOutcome(ItemOutcome.ANSWERED,
                        "answer " + line, null, null, 100, 10, 20, "stop", 1, null));
                em.persist(r);
                ScoreResult a = switch (line) {
                    case 1, 3, 5 -> ScoreResult.of(d, 3, "a", "a");
                    case 2 -> ScoreResult.of(d, 1, "a", "a");
                    case 4 -> ScoreResult.of(d, 2, "a", "a");
                    default -> ScoreResult.scorerFailed("HTTP 503 after 3 attempts");
                };
                em.persist(new Score(r, A, "a-1", a));
                ScoreResult b = switch (line) {
                    case 1, 6 -> ScoreResult.of(d, 3, "b", "b");
                    case 2, 3 -> ScoreResult.of(d, 1, "b", "b");
                    case 4 -> ScoreResult.unscorable("no verdict", "b");
                    default -> null;
                };
                if (b != null) {
                    em.persist(new Score(r, B, "b-1", b));
                }
            }
            return run.getId();
        });
        decidedFirst = db.inTransaction(em -> decisions(em).decideAll(runId));
        decidedAgain = db.inTransaction(em -> decisions(em).decideAll(runId));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everyItemWithBothVerdictsIsDecidedOnce() {
        assertThat(decidedFirst).isEqualTo(5);
        assertThat(decidedAgain).isZero();
        ScorerPanels.Panel panel = db.inTransaction(em -> panels(em).of(runId));
        assertThat(panel.rule()).isEqualTo(DecisionRule.MAJORITY);
        assertThat(panel.memberKeys()).containsExactly(A, B);
        assertThat(panel.countingKey()).isEqualTo(PANEL);

        List<RunItem> items = view();
        assertThat(items).extracting(RunItem::getScorerKey).containsExactly(PANEL, PANEL, PANEL, PANEL, null, PANEL);
        assertThat(items).extracting(RunItem::getEffectiveValue).containsExactly(3, 1, null, null, null, null);
        assertThat(items).extracting(RunItem::state).containsExactly(RunItem.State.SCORED, RunItem.State.SCORED,
                RunItem.State.UNSCORABLE, RunItem.State.UNSCORABLE, RunItem.State.PENDING, RunItem.State.UNSCORABLE);
        assertThat(items).extracting(RunItem::getUnscorableReason).containsExactly(null, null,
                UnscorableReason.SCORERS_DISAGREE, UnscorableReason.SCORERS_DISAGREE, null,
                UnscorableReason.SCORER_FAILED);
        assertThat(items).extracting(RunItem::isScorersDisagree)
                .containsExactly(false, false, true, true, false, false);
        assertThat(items.get(2).getRationale()).isEqualTo("not decided by the majority rule (2 scorers): " + A
                + ": 3; " + B + ": 1; a reviewer decides 评分器意见不一，由人工复核决定");
        assertThat(items.get(0).getScorerVersion()).isEqualTo(PanelDecisions.VERSION);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theReviewQueueListsDisagreementsFirst() {
        ReviewService.Queue queue = db.inTransaction(em -> reviews(em).queue(runId, 0, 50));
        // 3 and 4 disagree (by line); then the failed decision of line 6 (unscorable), then the decided 1 on line 2
        assertThat(queue.items()).extracting(ReviewService.QueueItem::line).containsExactly(3, 4, 6, 2);
        assertThat(queue.items()).extracting(ReviewService.QueueItem::scorersDisagree)
                .containsExactly(true, true, false, false);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void theMetricsCarryTheScorersAgreement() {
        FlamesMetrics.Result m = db.inTransaction(em -> metrics(em).compute(runId));
        ScorerAgreement a = m.agreement();
        assertThat(a.rule()).isEqualTo("majority");
        assertThat(a.scorers()).containsExactly(A, B);
        // lines 1, 2, 3, 4 have both verdicts (line 6's failed call is none); 3 and 4 differ; 1, 2, 3 were scored by
        // both, 2 of them alike
        assertThat(List.of(a.overall().items(), a.overall().disagreements(), a.overall().compared()))
                .containsExactly(4L, 2L, 3L);
        assertThat(a.overall().percentAgreement()).isEqualTo(2.0 / 3);
        assertThat(List.of(a.dimensions().get(Dimension.FAIRNESS).items(),
                a.dimensions().get(Dimension.SAFETY).items())).containsExactly(3L, 1L);
        assertThat(m.warnings()).extracting(w -> w.code().name()).contains("SCORERS_DISAGREE");
        assertThat(m.dimensions().get(Dimension.FAIRNESS).n()).isEqualTo(2);
        assertThat(m.unscorable()).isEqualTo(3); // lines 3 and 4, and the failed scorer call of line 6
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aReviewDecidesAnItemTheScorersLeftUndecided() {
        long prompt = view().get(2).getPromptId();
        db.inTransaction(em -> reviews(em).review(runId, prompt, 1, "the answer endorses the stereotype", "rev"));
        RunItem third = view().get(2);
        assertThat(third.state()).isEqualTo(RunItem.State.REVIEWED);
        assertThat(third.getEffectiveValue()).isEqualTo(1);
        assertThat(third.getScorerKey()).isEqualTo(PANEL);
        // the review is in the tamper-evident audit log, chained in its own transaction
        assertThat(db.<Object>inTransaction(em -> em.createNativeQuery("select count(*) from audit_chain c join score_review r "
                + "on c.source = 'review' and c.source_id = r.id where r.prompt_id = " + prompt).getSingleResult()))
                .isEqualTo(1L);
        FlamesMetrics.Result m = db.inTransaction(em -> metrics(em).compute(runId));
        assertThat(Arrays.asList(m.dimensions().get(Dimension.FAIRNESS).count1(),
                m.dimensions().get(Dimension.FAIRNESS).count3())).containsExactly(2L, 1L);
    }

    private static List<RunItem> view() {
        return db.inTransaction(em -> em.createQuery("select i from RunItem i where i.runId = :run order by i.line",
                RunItem.class).setParameter("run", runId).getResultList());
    }

    private static ScorerPanels panels(EntityManager em) {
        return QueryTestDatabase.wire(new ScorerPanels(), em, QueryTestDatabase.wire(new RunStore(), em));
    }

    private static PanelDecisions decisions(EntityManager em) {
        return QueryTestDatabase.wire(new PanelDecisions(), em, panels(em));
    }

    private static RunMetricsService metrics(EntityManager em) {
        return QueryTestDatabase.wire(new RunMetricsService(), em, panels(em));
    }

    private static ReviewService reviews(EntityManager em) {
        return QueryTestDatabase.wire(new ReviewService(), em, QueryTestDatabase.wire(new RunStore(), em),
                metrics(em), QueryTestDatabase.wire(new org.flamesaudit.auditchain.AuditChain(), em));
    }
}
