package org.flamesaudit.generation.openai;

import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.ProviderException;

/** The model under test behind an OpenAI-compatible chat endpoint; each prompt is sent as one user message. */
public final class OpenAiCompatibleConnector implements ModelConnector {

    public static final String TYPE = "openai-compatible";

    private final OpenAiChatClient client;

    public OpenAiCompatibleConnector(OpenAiChatClient client) {
        this.client = client;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Generation generate(String prompt) throws ProviderException {
        return client.chat(null, prompt);
    }

    @Override
    public void abortCalls() {
        client.abortCalls();
    }
}
