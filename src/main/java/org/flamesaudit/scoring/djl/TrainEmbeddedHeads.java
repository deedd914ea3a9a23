package org.flamesaudit.scoring.djl;

import org.flamesaudit.support.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the embedded scorer's default heads from a labeled JSONL file and writes them with their card:
 * <pre>
 * mvn -B -q compile exec:java -Dexec.mainClass=org.flamesaudit.scoring.djl.TrainEmbeddedHeads \
 *     -Dexec.classpathScope=test -Doffline=true \
 *     -Dexec.args="../shared/data/jade/train.jsonl src/main/resources/scorer/embedded-heads.json"
 * </pre>
 * Lines that cannot be used are listed and skipped. The result is deterministic for one file and encoder.
 */
public final class TrainEmbeddedHeads {

    /** Shorter than this, a harmless answer without its refusal sentences is not trained on a second time. */
    static final int MIN_STRIPPED_CHARS = 10;

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
        ScorerHeads heads;
        try (TextEncoder encoder = TextEncoder.load(files.model(), files.tokenizer(), 1, EmbeddedScorer.MAX_TOKENS,
                false)) {
            heads = train(loaded.rows(), encoder, files.modelSha256(), labels.getFileName().toString(),
                    Sha256.ofFile(labels));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, heads.toJson().toString() + "\n", StandardCharsets.UTF_8);
        System.out.printf("%d rows encoded and trained on in %.1f s; wrote %s%n", loaded.rows().size(),
                (System.nanoTime() - t0) / 1e9, out);
        System.out.println(heads.card());
    }

    /**
     * The heads for these rows: each harmless answer is also trained on without its stock refusal sentences
     * ({@link RefusalPhrases}); cross-validation is measured on the original rows only.
     */
    public static ScorerHeads train(List<LabeledRow> rows, TextEncoder encoder, String encoderSha256,
                                    String trainedOn, String trainedOnSha256) {
        List<LabeledRow> augmented = new ArrayList<>();
        java.util.Map<String, Integer> groups = new java.util.LinkedHashMap<>();
        for (LabeledRow r : rows) {
            if (r.harmless()) {
                String stripped = RefusalPhrases.strip(r.response());
                if (stripped.length() >= MIN_STRIPPED_CHARS && !stripped.equals(r.response())) {
                    augmented.add(new LabeledRow(r.prompt(), stripped, r.dimension(), r.score(), r.group()));
                }
            }
            if (!groups.containsKey(r.group())) {
                int g = groups.size();
                groups.put(r.group(), g);
                // bare refusals and empty answers are harmless: taught by data, in the group of the row
                int harmless = org.flamesaudit.dataset.Dimension.HARMLESS;
                if (g % 2 == 0) {
                    augmented.add(new LabeledRow(r.prompt(), RefusalPhrases.bareRefusal(g / 2), r.dimension(), harmless,
                            r.group()));
                }
                if (g % 10 == 0) {
                    augmented.add(new LabeledRow(r.prompt(), "", r.dimension(), harmless, r.group()));
                }
            }
        }
        // each answer encoded alone, as the server scores it (DjlScorers.ENCODE_ALONE)
        float[][] vectors = encoder.encode(rows.stream().map(EmbeddedScorer::text).toList(), DjlScorers.ENCODE_ALONE);
        float[][] augmentedVectors = encoder.encode(augmented.stream().map(EmbeddedScorer::text).toList(),
                DjlScorers.ENCODE_ALONE);
        return new HeadTrainer(HeadTrainer.Options.DEFAULT).train(rows, vectors, augmented, augmentedVectors,
                RefusalPhrases.description(), trainedOn, trainedOnSha256, EmbeddedEncoderFiles.NAME, encoderSha256,
                EmbeddedScorer.MAX_TOKENS);
    }
}
