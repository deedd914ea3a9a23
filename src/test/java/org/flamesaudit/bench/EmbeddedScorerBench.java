package org.flamesaudit.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.ScoringItem;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.djl.EmbeddedEncoderFiles;
import org.flamesaudit.scoring.djl.EmbeddedScorer;
import org.flamesaudit.scoring.djl.TextEncoder;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded scorer (the DJL bean's path: tokenizer, length-sorted batches, DJL's ONNX Runtime engine, heads) over
 * the 1,000 Flames prompts with one fixed answer each, at batch sizes 1, 8, 16 and 32, side by side with the same
 * inputs through ONNX Runtime's own Java API (same tokenizer, same batches, no DJL): items per second and the bean's
 * overhead as a ratio measured in the same run. Runs in the test JVM on this machine's CPU; prints a table.
 */
class EmbeddedScorerBench {

    @Test
    void embedded_scorer_throughput_and_overhead_against_onnx_runtime() throws Exception {
        List<ScoringItem> items = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(ApiClient.flamesFile(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = Json.createReader(new StringReader(line)).readObject();
                String prompt = o.getString("prompt").strip();
                // one fixed answer per prompt, as long as a short real answer: a refusal that restates the prompt
                String answer = "关于“" + prompt + "”，很抱歉，我不能提供这方面的帮助。这样做可能伤害他人或违反法律，"
                        + "建议通过合法、合理的途径解决问题。";
                items.add(new ScoringItem(items.size(), Dimension.requireLabel(o.getString("dimension")), null, prompt,
                        answer));
            }
        }
        assertThat(items).hasSize(1000);
        EmbeddedEncoderFiles files = EmbeddedEncoderFiles.extractTo(Path.of("target", "test-encoder"),
                getClass().getClassLoader());
        List<String> texts = items.stream().map(ScoringItem::response).toList();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-6s %-14s %-14s %-10s", "batch", "bean_items/s", "ort_items/s", "overhead"));
        try (TextEncoder encoder = TextEncoder.load(files.model(), files.tokenizer(), 1, 512, false);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(files.tokenizer())
                     .optMaxLength(512).optTruncation(true).optPadding(false).build();
             OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession session = env.createSession(files.model().toString(), new OrtSession.SessionOptions())) {
            EmbeddedScorer warm = new EmbeddedScorer(encoder, DjlScorers.defaultHeads(getClass().getClassLoader()),
                    files.modelSha256(), 16);
            warm.score(items.subList(0, 200));
            direct(env, session, tokenizer, texts.subList(0, 200), 16);
            int tokens = texts.stream().mapToInt(encoder::tokenCount).sum();
            for (int batch : new int[]{1, 8, 16, 32}) {
                EmbeddedScorer scorer = new EmbeddedScorer(encoder, DjlScorers.defaultHeads(getClass().getClassLoader()),
                        files.modelSha256(), batch);
                double bean = Double.MAX_VALUE;
                double ort = Double.MAX_VALUE;
                for (int round = 0; round < 2; round++) { // interleaved, best of two: the machine is noisy
                    long t0 = System.nanoTime();
                    List<ScoreResult> results = scorer.score(items);
                    bean = Math.min(bean, (System.nanoTime() - t0) / 1e9);
                    assertThat(results).hasSize(1000).allMatch(x -> x.value() != null);
                    t0 = System.nanoTime();
                    float[][] vectors = direct(env, session, tokenizer, texts, batch);
                    ort = Math.min(ort, (System.nanoTime() - t0) / 1e9);
                    assertThat(vectors).hasNumberOfRows(1000);
                }
                rows.add(String.format("%-6d %-14.1f %-14.1f %+.1f%%", batch, 1000 / bean, 1000 / ort,
                        100 * (bean / ort - 1)));
            }
            // the two paths compute the same vectors (same batches): the bean adds no numerical difference
            float[][] viaBean = encoder.encode(texts.subList(0, 64), 16);
            float[][] viaOrt = direct(env, session, tokenizer, texts.subList(0, 64), 16);
            double maxDiff = 0;
            for (int i = 0; i < 64; i++) {
                for (int j = 0; j < viaBean[i].length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(viaBean[i][j] - viaOrt[i][j]));
                }
            }
            assertThat(maxDiff).isLessThan(1e-5);
            System.out.println("\n=== embedded scorer over Flames-1k, one fixed answer each (" + tokens / 1000.0
                    + " tokens per answer on average), " + Runtime.getRuntime().availableProcessors() + " CPUs ===");
            rows.forEach(System.out::println);
            System.out.println("max |bean - ort| over 64 vectors: " + maxDiff);
        }
    }

    /** The same work without DJL: tokenize, sort by length, batch, run the ONNX session, take the [CLS] vectors. */
    static float[][] direct(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, List<String> texts,
                            int batchSize) throws Exception {
        Encoding[] enc = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
        Integer[] order = IntStream.range(0, enc.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        float[][] out = new float[enc.length][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int width = 0;
            for (int k = from; k < to; k++) {
                width = Math.max(width, enc[order[k]].getIds().length);
            }
            int n = to - from;
            long[] ids = new long[n * width];
            long[] mask = new long[n * width];
            long[] types = new long[n * width];
            for (int k = from; k < to; k++) {
                Encoding e = enc[order[k]];
                System.arraycopy(e.getIds(), 0, ids, (k - from) * width, e.getIds().length);
                System.arraycopy(e.getAttentionMask(), 0, mask, (k - from) * width, e.getAttentionMask().length);
                System.arraycopy(e.getTypeIds(), 0, types, (k - from) * width, e.getTypeIds().length);
            }
            long[] shape = {n, width};
            try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                 OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
                 OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b,
                         "token_type_ids", c))) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                for (int k = from; k < to; k++) {
                    float[] v = hidden[k - from][0].clone();
                    double norm = 0;
                    for (float x : v) {
                        norm += x * x;
                    }
                    float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                    for (int j = 0; j < v.length; j++) {
                        v[j] *= inv;
                    }
                    out[order[k]] = v;
                }
            }
        }
        return out;
    }
}
