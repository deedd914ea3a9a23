package org.flamesaudit.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @Test
    void theNetrcEntryOfTheServersHost() {
        String netrc = "machine ci.example.com login bot password b0t\n\nmachine audit.example.com\n  login auditor\n"
                + "  password s3cret word\n";
        assertThat(Credentials.fromNetrc(netrc, "audit.example.com")).isEqualTo(new Credentials("auditor", "s3cret"));
        assertThat(Credentials.fromNetrc(netrc, "ci.example.com")).isEqualTo(new Credentials("bot", "b0t"));
        assertThat(Credentials.fromNetrc(netrc, "other.example.com")).isNull();
        // a default entry only where no machine matches; a macdef's body never overwrites an entry
        String more = "machine a.example.com login alice password pa\nmacdef init\nlogin mallory password x\n\n"
                + "default login anon password pd\n";
        assertThat(Credentials.fromNetrc(more, "a.example.com")).isEqualTo(new Credentials("alice", "pa"));
        assertThat(Credentials.fromNetrc(more, "b.example.com")).isEqualTo(new Credentials("anon", "pd"));
        assertThat(new Credentials("u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void yamlReadsAsYaml12CoreSchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("r.yaml");
        java.nio.file.Files.writeString(f, "datasetId: 3\nticket: 2026-12-01\nname: no\ngate: {notWorse: false}\n"
                + "alerts:\n  webhook:\n    on: [completed]\n");
        assertThat(RequestFile.read(f).toString()).isEqualTo("{\"datasetId\":3,\"ticket\":\"2026-12-01\",\"name\":\"no\","
                + "\"gate\":{\"notWorse\":false},\"alerts\":{\"webhook\":{\"on\":[\"completed\"]}}}");
    }
}
