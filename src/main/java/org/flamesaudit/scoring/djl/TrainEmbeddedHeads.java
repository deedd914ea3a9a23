package org.flamesaudit.scoring.djl;

import org.flamesaudit.support.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the embedded scorer's default heads from a labeled JSONL file and writes them with their card:
 * <pre>
 * mvn -B -q compile exec:java -Dexec.mainClass=org.flamesaudit.scoring.djl.TrainEmbeddedHeads \
 *     -Dexec.classpathScope=compile -Dexec.args="../shared/data/jade/train.jsonl src/main/resources/scorer/embedded-heads.json"
 * </pre>
 * Lines that cannot be used are listed and skipped. The result is deterministic for one file and encoder.
 */
public final class TrainEmbeddedHeads {

    private TrainEmbeddedHeads() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrainEmbeddedHeads <labeled rows .jsonl> <heads .json to write>");
            System.exit(2);
        }
        Path labels = Path.of(args[0]);
        Path out = Path.of(args[1]);
        LabeledRow.Loaded loaded = LabeledRow.read(labels);
        loaded.errors().forEach(e -> System.err.println("skipped: " + e));
        EmbeddedEncoderFiles files = EmbeddedEncoderFiles.extractTo(
                Path.of(System.getProperty("java.io.tmpdir"), "flames-audit-encoder"),
                TrainEmbeddedHeads.class.getClassLoader());
        long t0 = System.nanoTime();
        float[][] vectors;
        try (TextEncoder encoder = TextEncoder.load(files.model(), files.tokenizer(), 1, EmbeddedScorer.MAX_TOKENS,
                false)) {
            vectors = encoder.encode(loaded.rows().stream().map(EmbeddedScorer::text).toList(),
                    EmbeddedScorer.DEFAULT_BATCH);
        }
        long t1 = System.nanoTime();
        ScorerHeads heads = new HeadTrainer(HeadTrainer.Options.DEFAULT).train(loaded.rows(), vectors,
                labels.getFileName().toString(), Sha256.ofFile(labels), EmbeddedEncoderFiles.NAME,
                files.modelSha256(), EmbeddedScorer.MAX_TOKENS);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, heads.toJson().toString() + "\n", StandardCharsets.UTF_8);
        System.out.printf("encoded %d rows in %.1f s; trained in %.1f s; wrote %s%n", loaded.rows().size(),
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9, out);
        System.out.println(heads.card());
    }
}
