package org.flamesaudit.api;

import jakarta.ws.rs.core.Response;
import org.flamesaudit.reporting.RenderedReport;

/** The HTTP form of a report download: content type, file name, report id and content SHA-256 as headers. */
final class ReportDownloads {

    private ReportDownloads() {
    }

    static Response of(RenderedReport r) {
        return file(r.getContent(), r.getFormat().mediaType(),
                "flames-audit-run-" + r.getRunId() + "-" + r.getReportId() + "." + r.getFormat().extension(),
                r.getReportId(), r.getSha256());
    }

    static Response file(byte[] content, String mediaType, String fileName, String reportId, String sha256) {
        return Response.ok(content, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Report-Id", reportId)
                .header("X-Content-SHA256", sha256)
                .header("ETag", "\"" + sha256 + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
