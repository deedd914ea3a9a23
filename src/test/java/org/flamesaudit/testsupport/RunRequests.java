package org.flamesaudit.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** The run request the tests and benches send: a target stub, a judge stub, a concurrency. */
public final class RunRequests {

    private RunRequests() {
    }

    /** Target {@code model} on {@code target}, scored by the LLM judge on {@code judge}; add limit etc. as needed. */
    public static JsonObjectBuilder againstStubs(long datasetId, OpenAiStub target, String model, OpenAiStub judge,
                                                 int concurrency) {
        return againstStubs(datasetId, target.baseUrl(), model, judge.baseUrl(), concurrency);
    }

    /** The same with the stubs' base URLs (a stub in another process: {@link StubProcess}). */
    public static JsonObjectBuilder againstStubs(long datasetId, String targetUrl, String model, String judgeUrl,
                                                 int concurrency) {
        return Json.createObjectBuilder().add("datasetId", datasetId)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", targetUrl).add("model", model))
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", judgeUrl)
                        .add("model", "stub-judge"))
                .add("concurrency", concurrency);
    }
}
