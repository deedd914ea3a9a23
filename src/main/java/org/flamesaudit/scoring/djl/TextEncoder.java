package org.flamesaudit.scoring.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import org.flamesaudit.support.ConfigurationException;
import org.jboss.logging.Logger;
import org.flamesaudit.scoring.ScoringLogger;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A BERT-style Chinese encoder run by DJL's ONNX Runtime engine: each text is tokenized (truncated to
 * {@code maxTokens}) and turned into its L2-normalised {@code [CLS]} vector, the pooling BGE was trained with. The model is loaded once; a pool of
 * predictors (DJL predictors are not thread-safe) serves the scoring threads. Each call sorts its pairs by length
 * and runs them in batches, so little is spent on padding; results come back in the caller's order.
 */
public final class TextEncoder implements AutoCloseable {

    private static final ScoringLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScoringLogger.class,
            TextEncoder.class.getName());
    static final String ENGINE = "OnnxRuntime";
    private static final List<String> INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

    private final ZooModel<NDList, NDList> model;
    private final HuggingFaceTokenizer tokenizer;
    private final PredictorPool predictors;
    private final int maxTokens;
    private final String device;

    private TextEncoder(ZooModel<NDList, NDList> model, HuggingFaceTokenizer tokenizer, int poolSize, int maxTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.device = model.getNDManager().getDevice().toString();
        this.predictors = new PredictorPool(model, poolSize);
    }

    /**
     * Loads the model and its tokenizer, failing with what to fix when the file is not an encoder of the expected
     * inputs. The GPU is used when {@code allowGpu} and the engine finds one.
     */
    public static TextEncoder load(Path modelFile, Path tokenizerFile, int poolSize, int maxTokens, boolean allowGpu) {
        Device device = DjlDevice.choose(ENGINE, allowGpu, "scorer");
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelFile)
                .optEngine(ENGINE)
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new ConfigurationException("scorer.model", "cannot load " + modelFile + " with DJL's " + ENGINE
                    + ": " + e.getMessage());
        }
        List<String> names = model.describeInput().keys();
        if (!names.containsAll(INPUTS)) {
            model.close();
            throw new ConfigurationException("scorer.model", modelFile + " takes the inputs " + names + "; an encoder"
                    + " with the inputs " + INPUTS + " is required");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optMaxLength(maxTokens)
                    .optTruncation(true)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new ConfigurationException("scorer.tokenizer", "cannot load the tokenizer " + tokenizerFile + ": "
                    + e.getMessage());
        }
        LOG.encoderLoaded(modelFile, ENGINE, Engine.getEngine(ENGINE).getVersion(), device, poolSize);
        return new TextEncoder(model, tokenizer, poolSize, maxTokens);
    }

    public String device() {
        return device;
    }

    public String engine() {
        return ENGINE + " " + Engine.getEngine(ENGINE).getVersion();
    }

    /** The encoder's vectors for these texts, in their order; texts are sorted by length into batches. */
    public float[][] encode(List<String> texts, int batchSize) {
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
        }
        Integer[] order = IntStream.range(0, encodings.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] out = new float[encodings.length][];
        Predictor<NDList, NDList> predictor = predictors.borrow();
        try {
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                Encoding[] batch = new Encoding[to - from];
                for (int k = from; k < to; k++) {
                    batch[k - from] = encodings[order[k]];
                }
                float[][] vectors = run(predictor, batch);
                for (int k = from; k < to; k++) {
                    out[order[k]] = vectors[k - from];
                }
            }
        } finally {
            predictors.giveBack(predictor);
        }
        return out;
    }

    /** Number of tokens of the text after truncation (for benchmarks and tests). */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    public int maxTokens() {
        return maxTokens;
    }

    private float[][] run(Predictor<NDList, NDList> predictor, Encoding[] batch) {
        int width = 0;
        for (Encoding e : batch) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[batch.length * width];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int b = 0; b < batch.length; b++) {
            long[] bi = batch[b].getIds();
            long[] bm = batch[b].getAttentionMask();
            long[] bt = batch[b].getTypeIds();
            System.arraycopy(bi, 0, ids, b * width, bi.length);
            System.arraycopy(bm, 0, mask, b * width, bm.length);
            System.arraycopy(bt, 0, types, b * width, bt.length);
        }
        Shape shape = new Shape(batch.length, width);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList input = new NDList(array(manager, ids, shape, INPUTS.get(0)), array(manager, mask, shape,
                    INPUTS.get(1)), array(manager, types, shape, INPUTS.get(2)));
            NDList output = predictor.predict(input);
            NDArray hidden = output.get(0);
            Shape hs = hidden.getShape();
            if (hs.dimension() != 3 || hs.get(0) != batch.length || hs.get(1) != width) {
                throw new IllegalStateException("the encoder returned " + hs + " for a batch of " + shape
                        + "; expected (batch, tokens, hidden)");
            }
            int hiddenSize = (int) hs.get(2);
            float[] all = hidden.toFloatArray();
            output.close();
            float[][] vectors = new float[batch.length][];
            for (int b = 0; b < batch.length; b++) {
                float[] v = new float[hiddenSize];
                System.arraycopy(all, b * width * hiddenSize, v, 0, hiddenSize);
                vectors[b] = normalised(v);
            }
            return vectors;
        } catch (TranslateException e) {
            throw new IllegalStateException("the encoder failed on a batch of " + batch.length + ": " + e.getMessage(), e);
        }
    }

    private static NDArray array(NDManager manager, long[] data, Shape shape, String name) {
        NDArray a = manager.create(LongBuffer.wrap(data), shape, DataType.INT64);
        a.setName(name);
        return a;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public void close() {
        predictors.close();
        tokenizer.close();
        model.close();
    }
}
