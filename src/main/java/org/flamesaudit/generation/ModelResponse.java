package org.flamesaudit.generation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.dataset.Prompt;
import org.flamesaudit.support.Texts;

import java.time.Instant;

/**
 * The answer of the model under test to one prompt in one run, or the error that prevented it. At most one per
 * (run, prompt): the database enforces it.
 */
@Entity
@Table(name = "model_response")
public class ModelResponse {

    @Id
    @SequenceGenerator(name = "model_response_seq", sequenceName = "model_response_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "model_response_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "run_id", nullable = false)
    private AuditRun run;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_id", nullable = false)
    private Prompt prompt;

    @Column(name = "response_text")
    private String text;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMs;

    @Column(name = "prompt_tokens")
    private Integer promptTokens;

    @Column(name = "completion_tokens")
    private Integer completionTokens;

    @Column(name = "finish_reason")
    private String finishReason;

    @Column(nullable = false)
    private int attempts;

    private String error;

    /** What became of the prompt ({@link ItemOutcomes}); only SCORED_OUTCOMES with text reach a scorer. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private ItemOutcome outcome;

    /** A reasoning model's thinking: evidence beside the answer, never scored. */
    @Column(name = "reasoning_text")
    private String reasoning;

    /** For a BLOCKED item: which documented signal ({@link ProviderSignatures}), and the provider's code and message. */
    @Column(name = "block_signal")
    private String blockSignal;

    @Column(name = "block_code")
    private String blockCode;

    @Column(name = "block_message")
    private String blockMessage;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The node that asked the model ({@code jboss.node.name}): in a distributed run, any node. */
    @Column(name = "node_name")
    private String nodeName;

    protected ModelResponse() {
    }

    public ModelResponse(AuditRun run, Prompt prompt, GenerationOutcome outcome) {
        this.run = run;
        this.prompt = prompt;
        this.text = Texts.fit(outcome.text(), Texts.LONG_TEXT);
        this.latencyMs = outcome.latencyMs();
        this.promptTokens = outcome.promptTokens();
        this.completionTokens = outcome.completionTokens();
        this.finishReason = Texts.fit(outcome.finishReason(), 100);
        this.attempts = outcome.attempts();
        this.error = Texts.fit(outcome.error(), 3900);
        this.outcome = outcome.outcome();
        this.reasoning = Texts.fit(outcome.reasoning(), Texts.LONG_TEXT);
        if (outcome.block() != null) {
            this.blockSignal = Texts.fit(outcome.block().signal(), 100);
            this.blockCode = Texts.fit(outcome.block().code(), 200);
            this.blockMessage = Texts.fit(outcome.block().message(), 3900);
        }
        this.createdAt = Instant.now();
        this.nodeName = org.flamesaudit.support.AppConfig.nodeName();
    }

    public Long getId() { return id; }
    public AuditRun getRun() { return run; }
    public Prompt getPrompt() { return prompt; }
    public String getText() { return text; }
    public long getLatencyMs() { return latencyMs; }
    public Integer getPromptTokens() { return promptTokens; }
    public Integer getCompletionTokens() { return completionTokens; }
    public String getFinishReason() { return finishReason; }
    public int getAttempts() { return attempts; }
    public String getError() { return error; }
    public String getNodeName() { return nodeName; }
    public boolean isFailed() { return outcome == ItemOutcome.FAILED; }
    public ItemOutcome getOutcome() { return outcome; }
    public String getReasoning() { return reasoning; }
    public String getBlockSignal() { return blockSignal; }
    public String getBlockCode() { return blockCode; }
    public String getBlockMessage() { return blockMessage; }
}
