package org.flamesaudit.reporting;

import java.util.List;

/**
 * One answer of a run with several scorers, as the workbook's scorers sheet lists it.
 *
 * @param lineNumber line of the prompt in the imported prompt file
 * @param dimension  the prompt's dimension label
 * @param verdicts   each scorer's verdict in the run's order: "1", "2", "3", "UNSCORABLE (reason)", or "" when it
 *                   has given none yet
 * @param counted    the score that counts (after any review), or the item's state when none does
 * @param disagree   whether the scorers' verdicts differ
 */
public record ScorerVerdictRow(int lineNumber, String dimension, List<String> verdicts, String counted,
                               boolean disagree) {
}
