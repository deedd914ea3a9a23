package org.flamesaudit.scoring;

import org.flamesaudit.dataset.Dimension;

/** What a scorer sees of one answer: the prompt, its dimension and subcomponent, and the model's response. */
public record ScoringItem(long responseId, Dimension dimension, String subcomponent, String prompt, String response) {
}
