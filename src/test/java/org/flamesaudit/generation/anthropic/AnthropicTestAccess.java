package org.flamesaudit.generation.anthropic;

import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ProviderException;

/** Lets tests of other packages read a body exactly as the Anthropic connector does. */
public final class AnthropicTestAccess {

    private AnthropicTestAccess() {
    }

    public static Generation parse(String body) throws ProviderException {
        return AnthropicConnector.parse(body);
    }

    /** Reads an event-stream body exactly as the connector assembles a streamed answer. */
    public static Generation parseStream(String eventStream) throws ProviderException {
        return AnthropicConnector.parse(AnthropicConnector.assemble(org.flamesaudit.generation.JsonHttpCall.parseEventStream(eventStream)));
    }
}
