package org.flamesaudit.generation;

/** One successful answer from a model connector. Token counts are null when the provider does not report them. */
public record Generation(String text, String finishReason, Integer promptTokens, Integer completionTokens) {
}
