package org.flamesaudit.dataset;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KnownDatasetsTest {

    @Test
    void flames_1k_alias_is_pinned_to_the_commit_and_sha256_of_the_shared_copy() throws Exception {
        KnownDatasets.Known k = KnownDatasets.byAlias(" flames-1k ").orElseThrow();
        assertThat(k.url()).contains("234bcb7a4a9da44c4177d2c2005e3bf8a582a5fc").startsWith("https://");
        Path shared = Path.of(System.getProperty("flames.data.dir", "../shared/data/flames"));
        String source = Files.readString(shared.resolve("SOURCE.md"));
        assertThat(source).contains(k.sha256()).contains(k.url());
        assertThat(org.flamesaudit.support.Sha256.ofFile(shared.resolve("Flames_1k_Chinese.jsonl"))).isEqualTo(k.sha256());
        assertThat(KnownDatasets.byAlias("/data/flames-1k.jsonl")).isEmpty();
        assertThat(KnownDatasets.byAlias(null)).isEmpty();
    }
}
