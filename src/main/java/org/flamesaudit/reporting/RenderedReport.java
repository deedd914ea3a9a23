package org.flamesaudit.reporting;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One rendering of a run's report, kept with its SHA-256 so a copy handed out can be matched later. */
@Entity
@Table(name = "report")
public class RenderedReport {

    public enum Format {
        PDF("application/pdf", "pdf"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    @Id
    @SequenceGenerator(name = "report_seq", sequenceName = "report_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "report_seq")
    private Long id;

    @Column(name = "run_id", nullable = false)
    private long runId;

    @Enumerated(EnumType.STRING)
    @Column(name = "report_format", nullable = false)
    private Format format;

    @Column(name = "report_id", nullable = false)
    private String reportId;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "render_ms", nullable = false)
    private long renderMs;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "node_name")
    private String nodeName;

    /** Who asked for this rendering: a user, or "system" for the audit job's (null before V22). */
    @Column(name = "rendered_by")
    private String renderedBy;

    /** The PDF's language, "zh" or "en"; null for a workbook (bilingual labels) and before V22. */
    @Column(name = "report_language")
    private String language;

    protected RenderedReport() {
    }

    public RenderedReport(long runId, Format format, String reportId, String sha256, byte[] content, long renderMs,
                          Instant createdAt, String nodeName) {
        this.runId = runId;
        this.format = format;
        this.reportId = reportId;
        this.sha256 = sha256;
        this.content = content;
        this.sizeBytes = content.length;
        this.renderMs = renderMs;
        this.createdAt = createdAt;
        this.nodeName = nodeName;
    }

    /** The audit log's head the report printed (its anchor): null before V24. */
    @Column(name = "chain_seq")
    private Long chainSeq;

    @Column(name = "chain_hash")
    private String chainHash;

    /** Why it was rendered ({@link RenderReason#code()}); null before V25. */
    @Column(name = "render_reason")
    private String reason;

    /** Records why this rendering was made. */
    public RenderedReport because(RenderReason why) {
        this.reason = why == null ? null : why.code();
        return this;
    }

    public String getReason() { return reason; }

    /** Records the audit log's head the report printed. */
    public RenderedReport anchoredAt(org.flamesaudit.auditchain.AuditChain.Head head) {
        if (head != null) {
            this.chainSeq = head.seq();
            this.chainHash = head.hash();
        }
        return this;
    }

    public Long getChainSeq() { return chainSeq; }
    public String getChainHash() { return chainHash == null ? null : chainHash.strip(); }

    /** Records who asked for this rendering and, for a PDF, its language. */
    public RenderedReport by(String user, String language) {
        this.renderedBy = user;
        this.language = language;
        return this;
    }

    public Long getId() { return id; }
    public long getRunId() { return runId; }
    public Format getFormat() { return format; }
    public String getReportId() { return reportId; }
    public String getSha256() { return sha256; }
    public long getSizeBytes() { return sizeBytes; }
    public long getRenderMs() { return renderMs; }
    public byte[] getContent() { return content; }
    public Instant getCreatedAt() { return createdAt; }
    public String getNodeName() { return nodeName; }
    public String getRenderedBy() { return renderedBy; }
    public String getLanguage() { return language; }
}
