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
import org.flamesaudit.audit.AuditRun;
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
        this.createdAt = Instant.now();
        this.nodeName = org.flamesaudit.audit.RunStore.nodeName();
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
    public boolean isFailed() { return error != null; }
}
