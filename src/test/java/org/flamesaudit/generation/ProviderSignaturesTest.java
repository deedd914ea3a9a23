package org.flamesaudit.generation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.anthropic.AnthropicTestAccess;
import org.flamesaudit.generation.openai.OpenAiTestAccess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The signature table, row by row: for each documented signal a body that carries it goes through the same code as a
 * provider's answer, and comes out with the row's outcome (blocked and never retried, cut, a retried failure, or a
 * halt that says the fix); then the shapes of issue 18, exactly as providers send them.
 */
class ProviderSignaturesTest {

    private static final UnaryOperator<String> NO_REDACTION = s -> s;

    @Test
    void every_row_of_the_table_gives_its_outcome() throws Exception {
        List<String> checked = new ArrayList<>();
        for (ProviderSignatures.Signature row : ProviderSignatures.all()) {
            String value = row.value().equals("*") ? "anything" : row.match().equals("~")
                    ? "Provider says: " + row.value() + " (details)" : row.value();
            List<Integer> statuses = row.status() == ProviderSignatures.ANY_STATUS ? List.of(200, 400)
                    : List.of(row.status());
            for (int status : statuses) {
                JsonObject body = nested(row.field(), value);
                if (status == 200) {
                    checkAnswer(row, body);
                } else {
                    checkError(row, status, body.toString());
                }
                checked.add(row.id() + "@" + status);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(ProviderSignatures.all().size());
        assertThat(ProviderSignatures.all()).extracting(ProviderSignatures.Signature::id)
                .contains("dashscope-data-inspection", "azure-content-filter", "openai-finish-content-filter",
                        "anthropic-refusal", "zhipu-1301", "moonshot-content-filter", "doubao-sensitive-content",
                        "minimax-output-sensitive", "ernie-need-clear-history", "deepseek-content-risk",
                        "hunyuan-finish-sensitive", "stream-only");
    }

    private static void checkError(ProviderSignatures.Signature row, int status, String body) {
        ProviderException e = ProviderSignatures.errorFor(status, body, null, NO_REDACTION);
        switch (row.outcome()) {
            case "BLOCKED" -> {
                assertThat(e).as(row.id()).isInstanceOf(ProviderBlockedException.class);
                assertThat(e.isRetriable()).as(row.id() + " retried").isFalse();
                assertThat(e.haltsRun()).as(row.id() + " halts").isFalse();
                assertThat(((ProviderBlockedException) e).block().signal()).isEqualTo(row.id());
            }
            case "SETUP" -> {
                assertThat(e).as(row.id()).isInstanceOf(ProviderSetupException.class);
                assertThat(e.haltsRun()).isTrue();
                assertThat(e.whatToFix()).isEqualTo(row.note()).contains("\"stream\": true");
            }
            default -> throw new AssertionError(row.id() + ": an error row must block or halt");
        }
    }

    private static void checkAnswer(ProviderSignatures.Signature row, JsonObject signal) throws Exception {
        boolean anthropic = row.provider().startsWith("Anthropic");
        JsonObject body = anthropic
                ? merge(Json.createObjectBuilder().add("type", "message").add("content", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "text").add("text", "部分回答"))).build(), signal)
                : merge(Json.createObjectBuilder().add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", "部分回答"))
                .add("finish_reason", "stop"))).build(), signal);
        if (row.outcome().equals("FAILED")) {
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> parse(anthropic, body.toString()));
            assertThat(e).as(row.id()).isNotNull();
            assertThat(e.isRetriable()).as(row.id() + " retried").isTrue();
            assertThat(e.getMessage()).contains(row.id());
            return;
        }
        Generation g = parse(anthropic, body.toString());
        assertThat(ItemOutcomes.of(g)).as(row.id() + " in " + body).isEqualTo(ItemOutcome.valueOf(row.outcome()));
        if (row.outcome().equals("BLOCKED")) {
            assertThat(g.block().signal()).isEqualTo(row.id());
        }
    }

    private static Generation parse(boolean anthropic, String body) throws ProviderException {
        return anthropic ? AnthropicTestAccess.parse(body) : OpenAiTestAccess.parse(body);
    }

    @Test
    void dashscope_blocks_one_prompt_with_a_400_that_is_kept_and_never_retried() {
        String body = "{\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Input data may contain "
                + "inappropriate content. For details, see: https://help.aliyun.com/zh/model-studio/error-code\","
                + "\"type\":\"data_inspection_failed\"},\"id\":\"chatcmpl-1\",\"request_id\":\"r-1\"}";
        ProviderException e = ProviderSignatures.errorFor(400, body, null, NO_REDACTION);
        assertThat(e).isInstanceOf(ProviderBlockedException.class);
        ProviderBlock block = ((ProviderBlockedException) e).block();
        assertThat(block).isEqualTo(new ProviderBlock("dashscope-data-inspection", "data_inspection_failed",
                "Input data may contain inappropriate content. For details, see: "
                        + "https://help.aliyun.com/zh/model-studio/error-code"));
        // a plain 400 that is no block still halts the run as a bad request
        ProviderException other = ProviderSignatures.errorFor(400, "{\"error\":{\"message\":\"unknown parameter\"}}",
                null, NO_REDACTION);
        assertThat(other).isNotInstanceOf(ProviderBlockedException.class);
        assertThat(other.haltsRun()).isTrue();
    }

    @Test
    void a_signal_is_read_before_redaction_so_a_key_that_matches_its_letters_cannot_hide_it() {
        String body = "{\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Input data may contain "
                + "inappropriate content.\"}}";
        ProviderException e = ProviderSignatures.errorFor(400, body, null, s -> s == null ? null : s.replace("a", "*"));
        assertThat(e).isInstanceOf(ProviderBlockedException.class);
        assertThat(((ProviderBlockedException) e).block().message()).isEqualTo("Input d*t* m*y cont*in in*ppropri*te "
                + "content.");
    }

    @Test
    void the_answers_of_issue_18_as_providers_send_them() throws Exception {
        // OpenAI / Azure / DashScope: the output filter with an empty text, or a cut-off one
        for (String content : List.of("\"\"", "\"她们通常会\"")) {
            Generation g = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                    + content + "},\"finish_reason\":\"content_filter\"}]}");
            assertThat(ItemOutcomes.of(g)).isEqualTo(ItemOutcome.BLOCKED);
            assertThat(g.block().signal()).isEqualTo("openai-finish-content-filter");
        }
        // a reasoning model cut by the token limit while thinking: TRUNCATED, the thinking kept, never retried
        Generation thinking = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":null,"
                + "\"reasoning_content\":\"用户在问……\"},\"finish_reason\":\"length\"}]}");
        assertThat(ItemOutcomes.of(thinking)).isEqualTo(ItemOutcome.TRUNCATED);
        assertThat(thinking.text()).isNull();
        assertThat(thinking.reasoning()).isEqualTo("用户在问……");
        Generation emptyThinking = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":\"\","
                + "\"reasoning_content\":\"用户在问……\"},\"finish_reason\":\"stop\"}]}");
        assertThat(ItemOutcomes.of(emptyThinking)).isEqualTo(ItemOutcome.EMPTY);
        // vLLM's reasoning field, and a <think> block inside the content: kept beside, never part of the answer
        Generation vllm = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":\"这样做是违法的。\","
                + "\"reasoning\":\"先想想\"},\"finish_reason\":\"stop\"}]}");
        assertThat(vllm.reasoning()).isEqualTo("先想想");
        assertThat(vllm.text()).isEqualTo("这样做是违法的。");
        Generation think = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":\"<think>他想让我帮他"
                + "伪造证件……不能帮。</think>\\n\\n伪造证件是违法行为，我不能提供帮助。\"},\"finish_reason\":\"stop\"}]}");
        assertThat(think.text()).isEqualTo("伪造证件是违法行为，我不能提供帮助。");
        assertThat(think.reasoning()).isEqualTo("他想让我帮他伪造证件……不能帮。");
        Generation unclosed = OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":\"<think>还在想"
                + "\"},\"finish_reason\":\"length\"}]}");
        assertThat(ItemOutcomes.of(unclosed)).isEqualTo(ItemOutcome.TRUNCATED);
        assertThat(unclosed.text()).isEmpty();
        // Anthropic: the API's safety classifier stops the answer, with no text or after a partial one
        Generation refusal = AnthropicTestAccess.parse("{\"type\":\"message\",\"content\":[],\"stop_reason\":\"refusal\"}");
        assertThat(ItemOutcomes.of(refusal)).isEqualTo(ItemOutcome.BLOCKED);
        Generation partial = AnthropicTestAccess.parse("{\"type\":\"message\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"首先，你需要\"}],\"stop_reason\":\"refusal\"}");
        assertThat(ItemOutcomes.of(partial)).isEqualTo(ItemOutcome.BLOCKED);
        assertThat(partial.text()).isEqualTo("首先，你需要");
        Generation emptyClaude = AnthropicTestAccess.parse("{\"type\":\"message\",\"content\":[],\"stop_reason\":\"end_turn\"}");
        assertThat(ItemOutcomes.of(emptyClaude)).isEqualTo(ItemOutcome.EMPTY);
        // a 200 that carries an error is a failed attempt, retried, never an answer
        assertThatThrownBy(() -> OpenAiTestAccess.parse("{\"choices\":[{\"message\":{\"content\":\"\"},"
                + "\"finish_reason\":\"error\"}]}")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> OpenAiTestAccess.parse("{\"error\":{\"message\":\"upstream timed out\",\"code\":502}}"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void streamed_answers_are_assembled_and_a_block_inside_the_stream_is_a_block() throws Exception {
        String openAi = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":"
                + "\"先想\"}}]}\n\n"
                + ": keep-alive comment\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"这样做\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"是违法的。\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7}}\n\n"
                + "data: [DONE]\n\n";
        Generation g = OpenAiTestAccess.parseStream(openAi);
        assertThat(g).isEqualTo(new Generation("这样做是违法的。", "stop", 12, 7, "先想", null, null));
        assertThat(ItemOutcomes.of(g)).isEqualTo(ItemOutcome.ANSWERED);
        // Azure and OpenAI put content_filter in the last chunk; DashScope sends its error as an event
        Generation filtered = OpenAiTestAccess.parseStream("data: {\"choices\":[{\"delta\":{\"content\":\"她们\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"content_filter\"}]}\n\ndata: [DONE]\n\n");
        assertThat(ItemOutcomes.of(filtered)).isEqualTo(ItemOutcome.BLOCKED);
        assertThat(filtered.text()).isEqualTo("她们");
        Generation dashscope = OpenAiTestAccess.parseStream("data: {\"choices\":[{\"delta\":{\"content\":\"好的\"}}]}\n\n"
                + "data: {\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Output data may contain "
                + "inappropriate content.\",\"type\":\"data_inspection_failed\"}}\n\n");
        assertThat(ItemOutcomes.of(dashscope)).isEqualTo(ItemOutcome.BLOCKED);
        assertThat(dashscope.block()).isEqualTo(new ProviderBlock("dashscope-data-inspection", "data_inspection_failed",
                "Output data may contain inappropriate content."));
        // any other error event is a failed attempt, retried
        assertThatThrownBy(() -> OpenAiTestAccess.parseStream("data: {\"error\":{\"message\":\"overloaded\"}}\n\n"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isRetriable()).isTrue());
        // a server that ignores "stream" and answers with one ordinary body
        assertThat(OpenAiTestAccess.parseStream("{\"choices\":[{\"message\":{\"content\":\"好\"},\"finish_reason\":"
                + "\"stop\"}]}").text()).isEqualTo("好");

        String anthropic = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":20}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"thinking_delta\",\"thinking\":\"想一想\"}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                + "{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":\"首先，\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"},"
                + "\"usage\":{\"output_tokens\":9}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Generation claude = AnthropicTestAccess.parseStream(anthropic);
        assertThat(claude.text()).isEqualTo("首先，");
        assertThat(claude.reasoning()).isEqualTo("想一想");
        assertThat(claude.promptTokens()).isEqualTo(20);
        assertThat(claude.completionTokens()).isEqualTo(9);
        assertThat(ItemOutcomes.of(claude)).isEqualTo(ItemOutcome.BLOCKED);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> AnthropicTestAccess.parseStream(
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                        + "\"Overloaded\"}}\n\n"));
        assertThat(e.isRetriable()).isTrue();
        Generation filteredClaude = AnthropicTestAccess.parseStream("event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"invalid_request_error\",\"message\":\"Output blocked by content filtering policy\"}}\n\n");
        assertThat(ItemOutcomes.of(filteredClaude)).isEqualTo(ItemOutcome.BLOCKED);
    }

    @Test
    void a_stream_only_model_halts_the_run_with_the_fix() {
        ProviderException e = ProviderSignatures.errorFor(400, "{\"error\":{\"message\":\"This model only support "
                + "stream mode, please enable the stream parameter to access the model.\",\"type\":"
                + "\"invalid_request_error\",\"code\":\"invalid_parameter_error\"}}", null, NO_REDACTION);
        assertThat(e.haltsRun()).isTrue();
        assertThat(e.whatToFix()).contains("set \"stream\": true");
    }

    @Test
    void the_readme_lists_every_signal_with_its_source() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (ProviderSignatures.Signature row : ProviderSignatures.all()) {
            assertThat(readme).as(row.id()).contains("| `" + row.id() + "` |").contains("<" + row.source() + ">");
        }
    }

    @Test
    void a_malformed_table_fails_with_its_line() {
        assertThatThrownBy(() -> ProviderSignatures.parse(List.of("id\tprovider",
                "x\ty\t400\terror.code\t=\tv\tMAYBE\t\thttps://a")))
                .hasMessageStartingWith("provider-signatures.tsv line 2: outcome must be one of");
        assertThatThrownBy(() -> ProviderSignatures.parse(List.of("x\ty\t400\terror.code\t=\tv\tSETUP\t\thttps://a")))
                .hasMessageContaining("line 1: a SETUP row needs a note");
        assertThatThrownBy(() -> ProviderSignatures.parse(List.of("x\ty\t400\terror.code\t=\tv\tBLOCKED\t\thttp://a")))
                .hasMessageContaining("line 1: source must be an https URL");
        assertThatThrownBy(() -> ProviderSignatures.parse(List.of("x\ty\tfour\terror.code\t=\tv\tBLOCKED\t\thttps://a")))
                .hasMessageContaining("line 1: status \"four\" is not a number");
    }

    /** {@code {"a":{"b":[{"c": value}]}}} for the path {@code a.b.0.c}. */
    private static JsonObject nested(String path, String value) {
        String[] parts = path.split("\\.");
        JsonValue v = value.equals("true") ? JsonValue.TRUE : value.matches("\\d+") && !path.endsWith("code")
                ? Json.createValue(Long.parseLong(value)) : Json.createValue(value);
        for (int i = parts.length - 1; i >= 1; i--) {
            v = parts[i].matches("\\d+") ? Json.createArrayBuilder().add(v).build()
                    : Json.createObjectBuilder().add(parts[i], v).build();
        }
        return Json.createObjectBuilder().add(parts[0], v).build();
    }

    /** {@code base} with the fields of {@code signal} merged in (a choice's fields merged into the first choice). */
    private static JsonObject merge(JsonObject base, JsonObject signal) {
        JsonObjectBuilder b = Json.createObjectBuilder(base);
        for (String k : signal.keySet()) {
            JsonValue v = signal.get(k);
            if (k.equals("choices") && base.containsKey("choices")) {
                JsonObject choice = Json.createObjectBuilder(base.getJsonArray("choices").getJsonObject(0))
                        .addAll(Json.createObjectBuilder(signal.getJsonArray("choices").getJsonObject(0))).build();
                b.add("choices", Json.createArrayBuilder().add(choice));
            } else {
                b.add(k, v);
            }
        }
        return b.build();
    }
}
