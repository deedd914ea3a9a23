package org.flamesaudit.scoring;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision rules over member verdicts, case by case. */
class DecisionRuleTest {

    @Test
    void majority_needs_more_than_half_of_all_scorers() {
        ScoreResult two = DecisionRule.MAJORITY.decide(List.of(scored("a", 3), scored("b", 1), scored("c", 3)));
        assertThat(two.status()).isEqualTo(ScoreStatus.SCORED);
        assertThat(two.value()).isEqualTo(3);
        assertThat(two.rationale()).isEqualTo("majority 2 of 3: a: 3; b: 1; c: 3");

        // 2 of 4 is not more than half
        ScoreResult tie = DecisionRule.MAJORITY.decide(List.of(scored("a", 3), scored("b", 1), scored("c", 3),
                scored("d", 1)));
        assertThat(tie.status()).isEqualTo(ScoreStatus.UNSCORABLE);
        assertThat(tie.reason()).isEqualTo(UnscorableReason.SCORERS_DISAGREE);
        assertThat(tie.rationale()).isEqualTo("not decided by the majority rule (4 scorers): a: 3; b: 1; c: 3; d: 1; "
                + "a reviewer decides 评分器意见不一，由人工复核决定");

        // an UNSCORABLE verdict is a vote for no score: 1 of 2 is no majority
        ScoreResult half = DecisionRule.MAJORITY.decide(List.of(scored("a", 2), unscorable("b",
                UnscorableReason.UNREADABLE_VERDICT)));
        assertThat(half.reason()).isEqualTo(UnscorableReason.SCORERS_DISAGREE);
        assertThat(half.rationale()).contains("b: UNSCORABLE (UNREADABLE_VERDICT)");
    }

    @Test
    void unanimous_needs_every_scorer() {
        assertThat(DecisionRule.UNANIMOUS.decide(List.of(scored("a", 1), scored("b", 1))).value()).isEqualTo(1);
        ScoreResult split = DecisionRule.UNANIMOUS.decide(List.of(scored("a", 1), scored("b", 1), scored("c", 2)));
        assertThat(split.status()).isEqualTo(ScoreStatus.UNSCORABLE);
        assertThat(split.reason()).isEqualTo(UnscorableReason.SCORERS_DISAGREE);
    }

    @Test
    void a_failed_scorer_call_leaves_the_decision_failed_so_that_a_restart_decides_anew() {
        ScoreResult r = DecisionRule.MAJORITY.decide(List.of(scored("a", 3), scored("b", 3),
                unscorable("c", UnscorableReason.SCORER_FAILED)));
        assertThat(r.reason()).isEqualTo(UnscorableReason.SCORER_FAILED);
        assertThat(r.scorerError()).startsWith("not decided: the call of c failed");
    }

    @Test
    void scorers_that_all_fail_to_score_for_one_reason_pass_it_on_and_long_keys_are_digested() {
        ScoreResult blocked = DecisionRule.UNANIMOUS.decide(List.of(unscorable("a", UnscorableReason.JUDGE_BLOCKED),
                unscorable("b", UnscorableReason.JUDGE_BLOCKED)));
        assertThat(blocked.reason()).isEqualTo(UnscorableReason.JUDGE_BLOCKED);
        assertThat(DecisionRule.MAJORITY.decide(List.of(unscorable("a", UnscorableReason.JUDGE_BLOCKED),
                unscorable("b", UnscorableReason.UNREADABLE_VERDICT))).reason())
                .isEqualTo(UnscorableReason.SCORERS_DISAGREE);
        List<String> keys = List.of("llm-judge:m@https://" + "a".repeat(200) + "/v1",
                "llm-judge:m@https://" + "b".repeat(200) + "/v1", "llm-judge:m@https://" + "c".repeat(200) + "/v1");
        String key = DecisionRule.MAJORITY.panelKey(keys);
        assertThat(key).hasSizeLessThanOrEqualTo(DecisionRule.MAX_KEY).startsWith("majority(3 scorers, sha256 ");
        assertThat(DecisionRule.MAJORITY.panelKey(keys)).isEqualTo(key);
    }

    @Test
    void primary_counts_the_first_scorers_own_row_and_decides_nothing() {
        assertThat(DecisionRule.PRIMARY.decides()).isFalse();
        assertThatThrownBy(() -> DecisionRule.PRIMARY.decide(List.of(scored("a", 3))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void names_parse_case_insensitively_and_an_unknown_one_names_the_field() {
        assertThat(DecisionRule.parse(null, "decision")).isEqualTo(DecisionRule.PRIMARY);
        assertThat(DecisionRule.parse(" Majority ", "decision")).isEqualTo(DecisionRule.MAJORITY);
        assertThatThrownBy(() -> DecisionRule.parse("mean", "decision")).isInstanceOf(ConfigurationException.class)
                .hasMessage("decision: unknown decision rule \"mean\"; use primary, majority or unanimous");
        assertThat(DecisionRule.UNANIMOUS.panelKey(List.of("djl:x", "llm-judge:y")))
                .isEqualTo("unanimous(djl:x | llm-judge:y)");
    }

    private static DecisionRule.MemberVerdict scored(String key, int value) {
        return new DecisionRule.MemberVerdict(key, ScoreStatus.SCORED, value, null);
    }

    private static DecisionRule.MemberVerdict unscorable(String key, UnscorableReason reason) {
        return new DecisionRule.MemberVerdict(key, ScoreStatus.UNSCORABLE, null, reason);
    }
}
