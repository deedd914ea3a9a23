package org.flamesaudit.generation;

/**
 * A provider's safety system declining a prompt or an answer: which documented signal matched
 * ({@link ProviderSignatures}, e.g. {@code dashscope-data-inspection}) and the provider's own code and message, kept
 * as evidence (with the caller's key removed).
 */
public record ProviderBlock(String signal, String code, String message) {
}
