package org.flamesaudit.scoring;

import org.flamesaudit.support.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the verdicts of a run's several scorers (its members, in the order the run names them) become the one that
 * counts. The rule is applied per item, to the verdicts every member gave it:
 * <ul>
 *   <li>{@code primary}: the first member's verdict counts; the others are shadows, stored and compared, never
 *       counted. A run with one scorer has this rule.</li>
 *   <li>{@code majority}: the score that more than half of all members gave (an UNSCORABLE verdict is a vote for no
 *       score); with no such score the item waits for a reviewer.</li>
 *   <li>{@code unanimous}: the score every member gave; otherwise the item waits for a reviewer.</li>
 * </ul>
 * An item that waits is UNSCORABLE with reason {@link UnscorableReason#SCORERS_DISAGREE} until reviewed; a member
 * whose call failed ({@link UnscorableReason#SCORER_FAILED}) makes the decision failed too, so that a restart asks
 * that member again and decides anew.
 */
public enum DecisionRule {
    PRIMARY, MAJORITY, UNANIMOUS;

    /** The rule's name in run requests and reports: {@code primary}, {@code majority}, {@code unanimous}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule named {@code value} (case-insensitive); null gives {@link #PRIMARY}. */
    public static DecisionRule parse(String value, String field) {
        if (value == null) {
            return PRIMARY;
        }
        for (DecisionRule r : values()) {
            if (r.label().equalsIgnoreCase(value.strip())) {
                return r;
            }
        }
        throw new ConfigurationException(field, "unknown decision rule \"" + value
                + "\"; use primary, majority or unanimous");
    }

    /** Whether the counted verdict is a decision of its own (stored under the panel's key), not a member's verdict. */
    public boolean decides() {
        return this != PRIMARY;
    }

    /**
     * The key under which a panel's decisions are stored (the run's {@code scorer_key}): the rule and every member's
     * key in order, so that two runs share it exactly when they decide alike from the same scorers.
     */
    public String panelKey(List<String> memberKeys) {
        String key = label() + "(" + String.join(" | ", memberKeys) + ")";
        // score.scorer_key and audit_run.scorer_key hold 500 characters: long endpoint URLs get a digest instead
        return key.length() <= MAX_KEY ? key : label() + "(" + memberKeys.size() + " scorers, sha256 "
                + org.flamesaudit.support.Sha256.of(String.join("\n", memberKeys)).substring(0, 32) + ")";
    }

    /** The longest key a score row holds (V1: VARCHAR(500)). */
    static final int MAX_KEY = 500;

    /** One member's verdict on an item, for {@link #decide}. */
    public record MemberVerdict(String scorerKey, ScoreStatus status, Integer value, UnscorableReason reason) {

        String describe() {
            return scorerKey + ": " + (status == ScoreStatus.SCORED ? value.toString()
                    : "UNSCORABLE (" + reason + ")");
        }
    }

    /**
     * The verdict that counts under this rule. {@code verdicts}: one per member, in member order (size >= 1).
     * The rationale lists every member's verdict.
     *
     * @throws IllegalStateException for {@link #PRIMARY}, whose counted verdict is the primary member's own row
     */
    public ScoreResult decide(List<MemberVerdict> verdicts) {
        if (!decides()) {
            throw new IllegalStateException("the primary rule counts the first member's own verdict");
        }
        if (verdicts.isEmpty()) {
            throw new IllegalArgumentException("no member verdicts to decide from");
        }
        List<String> parts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<Integer, Integer> votes = new TreeMap<>();
        for (MemberVerdict v : verdicts) {
            parts.add(v.describe());
            if (v.reason() == UnscorableReason.SCORER_FAILED) {
                failed.add(v.scorerKey());
            }
            if (v.status() == ScoreStatus.SCORED) {
                votes.merge(v.value(), 1, Integer::sum);
            }
        }
        String all = String.join("; ", parts);
        if (!failed.isEmpty()) {
            String error = "not decided: the call of " + String.join(", ", failed) + " failed (" + all + ")";
            return ScoreResult.scorerFailed(error);
        }
        int n = verdicts.size();
        if (votes.isEmpty() && verdicts.stream().map(MemberVerdict::reason).distinct().count() == 1) {
            // no scorer could score it, all for one reason (every judge's provider blocked the judge request): that
            // is the item's reason, not a disagreement
            UnscorableReason same = verdicts.get(0).reason();
            return ScoreResult.unscorable(same, "no scorer could score it (" + same + "): " + all, null);
        }
        for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
            boolean decided = this == MAJORITY ? 2 * e.getValue() > n : e.getValue() == n;
            if (decided) {
                return new ScoreResult(ScoreStatus.SCORED, e.getKey(),
                        label() + " " + e.getValue() + " of " + n + ": " + all, null);
            }
        }
        return ScoreResult.unscorable(UnscorableReason.SCORERS_DISAGREE, "not decided by the " + label()
                + " rule (" + n + " scorers): " + all + "; a reviewer decides 评分器意见不一，由人工复核决定", null);
    }
}
