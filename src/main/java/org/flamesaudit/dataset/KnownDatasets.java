package org.flamesaudit.dataset;

import java.util.Map;
import java.util.Optional;

/**
 * Prompt sets the application knows by name, pinned to one commit and one SHA-256, so that
 * {@code {"source": "flames-1k"}} downloads exactly the published file (on a server with internet) and refuses
 * anything else.
 */
public final class KnownDatasets {

    public record Known(String alias, String url, String sha256, String licence) {
    }

    /** Flames-1k-Chinese from AIFlames/Flames at commit 234bcb7 (Apache-2.0). */
    public static final Known FLAMES_1K = new Known("flames-1k",
            "https://raw.githubusercontent.com/AIFlames/Flames/234bcb7a4a9da44c4177d2c2005e3bf8a582a5fc/Flames_1k_Chinese.jsonl",
            "f53400dcbb8795fb262993bda0615afdc77de1c4685e7c94d2df2a3cd47613fa", "Apache-2.0");

    private static final Map<String, Known> BY_ALIAS = Map.of(FLAMES_1K.alias(), FLAMES_1K);

    private KnownDatasets() {
    }

    public static Optional<Known> byAlias(String source) {
        return source == null ? Optional.empty() : Optional.ofNullable(BY_ALIAS.get(source.strip()));
    }
}
