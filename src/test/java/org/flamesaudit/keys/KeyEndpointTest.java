package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEndpointTest {

    @Test
    void canonical_form_writes_the_port_and_drops_trailing_slashes_and_dots() {
        assertThat(KeyEndpoint.parse("https://API.DeepSeek.com./v1/", "e")).hasToString("https://api.deepseek.com:443/v1");
        assertThat(KeyEndpoint.parse("http://127.0.0.1:8000", "e")).hasToString("http://127.0.0.1:8000");
        assertThat(KeyEndpoint.parse("http://[::1]:9/x", "e")).hasToString("http://[::1]:9/x");
    }

    @Test
    void matches_scheme_host_port_and_path_segment_by_segment() {
        KeyEndpoint e = KeyEndpoint.parse("https://dashscope.aliyuncs.com/compatible-mode/v1", "e");
        assertThat(e.matches(URI.create("https://dashscope.aliyuncs.com/compatible-mode/v1"))).isTrue();
        assertThat(e.matches(URI.create("https://dashscope.aliyuncs.com:443/compatible-mode/v1/"))).isTrue();
        assertThat(e.matches(URI.create("https://dashscope.aliyuncs.com/compatible-mode/v1x"))).isFalse();
        assertThat(e.matches(URI.create("https://dashscope.aliyuncs.com/compatible-mode"))).isFalse();
        assertThat(e.matches(URI.create("http://dashscope.aliyuncs.com/compatible-mode/v1"))).isFalse();
        assertThat(e.matches(URI.create("https://dashscope.aliyuncs.com:8443/compatible-mode/v1"))).isFalse();
        KeyEndpoint root = KeyEndpoint.parse("http://127.0.0.1:8000/", "e");
        assertThat(root.matches(URI.create("http://127.0.0.1:8000/v1"))).isTrue();
        assertThat(root.matches(URI.create("http://127.0.0.1:8001/v1"))).isFalse();
        assertThat(root.matches(URI.create("http://localhost:8000/v1"))).as("no name resolution").isFalse();
    }

    @Test
    void an_endpoint_must_be_a_plain_http_url() {
        for (String bad : new String[]{"ftp://x/v1", "api.deepseek.com/v1", "https://u:p@x/v1", "https://x/v1?q",
                "https://x/../v1", "https://x/v1/%2e%2e", ""}) {
            assertThatThrownBy(() -> KeyEndpoint.parse(bad, "endpoints[2]")).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("endpoints[2]: ");
        }
    }
}
