package org.flamesaudit.generation;

import java.io.Serializable;

/** A prompt of a run that has no response yet. */
public record PendingPrompt(long promptId, String text) implements Serializable {
}
