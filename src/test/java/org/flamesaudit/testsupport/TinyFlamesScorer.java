package org.flamesaudit.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes the tiny model of the official Flames scorer's contract with {@code src/test/python/make_tiny_flames_scorer.py}
 * (Debian's python3-torch and python3-sentencepiece; {@code -Dflames.python} names another interpreter).
 */
public final class TinyFlamesScorer {

    private TinyFlamesScorer() {
    }

    public static Path make(Path dir) throws IOException, InterruptedException {
        String python = System.getProperty("flames.python", "/usr/bin/python3");
        Path flames = ApiClient.flamesFile();
        Path script = ApiClient.projectDir().resolve("src/test/python/make_tiny_flames_scorer.py");
        Process p = new ProcessBuilder(python, script.toString(), dir.toString(), flames.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(python + " " + script + " failed (install python3-torch and "
                    + "python3-sentencepiece):\n" + out);
        }
        return dir;
    }
}
