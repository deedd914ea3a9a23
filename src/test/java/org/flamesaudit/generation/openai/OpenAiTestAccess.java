package org.flamesaudit.generation.openai;

import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ProviderException;

/** Lets tests of other packages read a body exactly as the OpenAI-compatible connector does. */
public final class OpenAiTestAccess {

    private OpenAiTestAccess() {
    }

    public static Generation parse(String body) throws ProviderException {
        return OpenAiChatClient.parse(body);
    }

    /** Reads an event-stream body exactly as the connector assembles a streamed answer. */
    public static Generation parseStream(String eventStream) throws ProviderException {
        return OpenAiChatClient.parse(OpenAiChatClient.assemble(org.flamesaudit.generation.JsonHttpCall.parseEventStream(eventStream)));
    }
}
