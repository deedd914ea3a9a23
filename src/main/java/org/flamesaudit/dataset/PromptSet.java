package org.flamesaudit.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** An imported prompt file, identified by the SHA-256 of its bytes; a name has increasing versions. */
@Entity
@Table(name = "prompt_set")
public class PromptSet {

    public enum Status { IMPORTING, READY, FAILED }

    @Id
    @SequenceGenerator(name = "prompt_set_seq", sequenceName = "prompt_set_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "prompt_set_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "set_version", nullable = false)
    private int version;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(nullable = false)
    private String source;

    @Column(name = "staged_file", nullable = false)
    private String stagedFile;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "prompt_count", nullable = false)
    private int promptCount;

    @Column(name = "rejected_count", nullable = false)
    private int rejectedCount;

    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Who imported the set (the API's user), "system" for the import inbox; null for sets from before V22. */
    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "imported_at")
    private Instant importedAt;

    @Column(name = "node_name")
    private String nodeName;

    @Enumerated(EnumType.STRING)
    @Column(name = "repeated_prompts", nullable = false, length = 10)
    private RepeatedPrompts repeatedPrompts = RepeatedPrompts.KEEP;

    protected PromptSet() {
    }

    public PromptSet(String name, int version, String sha256, String source, String stagedFile) {
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
        this.source = source;
        this.stagedFile = stagedFile;
        this.status = Status.IMPORTING;
        this.createdAt = Instant.now();
        this.nodeName = org.flamesaudit.support.AppConfig.nodeName();
    }

    public void markReady(int promptCount, int rejectedCount) {
        this.promptCount = promptCount;
        this.rejectedCount = rejectedCount;
        this.status = Status.READY;
        this.importedAt = Instant.now();
        this.error = null;
    }

    public void markFailed(String error) {
        this.status = Status.FAILED;
        this.error = error == null ? "unknown error" : org.flamesaudit.support.Texts.fit(error, 3900);
    }

    public void reimport(String source, String stagedFile) {
        this.source = source;
        this.stagedFile = stagedFile;
        this.status = Status.IMPORTING;
        this.error = null;
        this.nodeName = org.flamesaudit.support.AppConfig.nodeName();
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public int getVersion() { return version; }
    public String getSha256() { return sha256; }
    public String getSource() { return source; }
    public String getStagedFile() { return stagedFile; }
    public Status getStatus() { return status; }
    public RepeatedPrompts getRepeatedPrompts() { return repeatedPrompts; }

    /** Set when the set is created or re-imported, before its import job starts. */
    public void repeatedPrompts(RepeatedPrompts policy) {
        this.repeatedPrompts = policy;
    }
    public int getPromptCount() { return promptCount; }
    public int getRejectedCount() { return rejectedCount; }
    public String getError() { return error; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getImportedAt() { return importedAt; }

    public String getCreatedBy() { return createdBy; }

    /** Records who imported the set; once, when it is created. */
    public void createdBy(String user) { this.createdBy = user; }
}
