package org.flamesaudit.bundle;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A reproduction bundle imported here ({@code imported_bundle}, V26): written once, never changed. */
@Entity
@Table(name = "imported_bundle")
public class ImportedBundle {

    @Id
    @SequenceGenerator(name = "imported_bundle_seq", sequenceName = "imported_bundle_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "imported_bundle_seq")
    private Long id;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    @Column(name = "imported_by", nullable = false)
    private String importedBy;

    @Column(name = "source_run_id", nullable = false)
    private long sourceRunId;

    @Column(name = "report_id", nullable = false)
    private String reportId;

    @Column(name = "manifest_sha256", nullable = false)
    private String manifestSha256;

    @Column(name = "bundle_sha256", nullable = false)
    private String bundleSha256;

    private String signer;

    @Column(name = "signer_sha256")
    private String signerSha256;

    @Column(nullable = false)
    private int items;

    @Column(name = "dataset_name")
    private String datasetName;

    @Column(name = "dataset_sha256")
    private String datasetSha256;

    private String scorer;

    @Column(name = "metrics_json", nullable = false)
    private String metricsJson;

    @Column(name = "signer_trusted")
    private Boolean signerTrusted;

    private Integer rescored;

    @Column(name = "rescore_note")
    private String rescoreNote;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    protected ImportedBundle() {
    }

    ImportedBundle(Instant importedAt, String importedBy, long sourceRunId, String reportId, String manifestSha256,
                   String bundleSha256, String signer, String signerSha256, int items, String datasetName,
                   String datasetSha256, String scorer, String metricsJson, byte[] content) {
        this.importedAt = importedAt;
        this.importedBy = importedBy;
        this.sourceRunId = sourceRunId;
        this.reportId = reportId;
        this.manifestSha256 = manifestSha256;
        this.bundleSha256 = bundleSha256;
        this.signer = signer;
        this.signerSha256 = signerSha256;
        this.items = items;
        this.datasetName = datasetName;
        this.datasetSha256 = datasetSha256;
        this.scorer = scorer;
        this.metricsJson = metricsJson;
        this.content = content;
    }

    /** A list row: everything but the metrics and the content (JPQL constructor expression of the list query). */
    public ImportedBundle(Long id, Instant importedAt, String importedBy, long sourceRunId, String reportId,
                          String manifestSha256, String bundleSha256, String signer, String signerSha256, int items,
                          String datasetName, String datasetSha256, String scorer) {
        this(importedAt, importedBy, sourceRunId, reportId, manifestSha256, bundleSha256, signer, signerSha256, items,
                datasetName, datasetSha256, scorer, null, null);
        this.id = id;
    }

    /** Records how many verdicts the embedded scorer reproduced, or why none were compared. */
    ImportedBundle rescored(int count, String note) {
        this.rescored = count;
        this.rescoreNote = note;
        return this;
    }

    /** Records whether the signer is this server's key or a trusted one. */
    ImportedBundle trusted(boolean trusted) {
        this.signerTrusted = trusted;
        return this;
    }

    public Boolean getSignerTrusted() { return signerTrusted; }
    public Integer getRescored() { return rescored; }
    public String getRescoreNote() { return rescoreNote; }
    public Long getId() { return id; }
    public Instant getImportedAt() { return importedAt; }
    public String getImportedBy() { return importedBy; }
    public long getSourceRunId() { return sourceRunId; }
    public String getReportId() { return reportId; }
    public String getManifestSha256() { return manifestSha256; }
    public String getBundleSha256() { return bundleSha256; }
    public String getSigner() { return signer; }
    public String getSignerSha256() { return signerSha256; }
    public int getItems() { return items; }
    public String getDatasetName() { return datasetName; }
    public String getDatasetSha256() { return datasetSha256; }
    public String getScorer() { return scorer; }
    public String getMetricsJson() { return metricsJson; }
    public byte[] getContent() { return content; }
}
