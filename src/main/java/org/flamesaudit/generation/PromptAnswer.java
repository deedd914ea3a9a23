package org.flamesaudit.generation;

/** The outcome of calling the model under test for one prompt, ready to be stored. */
public record PromptAnswer(long promptId, GenerationOutcome outcome) {
}
