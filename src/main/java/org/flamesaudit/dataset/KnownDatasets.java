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

    /**
     * Whether a file with this SHA-256 (hex, any case) is the official Flames-1k: exactly the bytes of
     * {@code Flames_1k_Chinese.jsonl} as released (2024-04-03, commit 234bcb7). Reports and the console label such a
     * dataset "official Flames-1k" (glossary key {@code officialFlames1k}); any other file, even one with the same
     * prompts re-encoded, is not.
     */
    public static boolean isOfficialFlames1k(String sha256) {
        return sha256 != null && FLAMES_1K.sha256().equalsIgnoreCase(sha256.strip());
    }

    public static Optional<Known> byAlias(String source) {
        return source == null ? Optional.empty() : Optional.ofNullable(BY_ALIAS.get(source.strip()));
    }
}
