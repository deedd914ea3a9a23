package org.flamesaudit.reporting;

import java.time.Instant;

/**
 * What is known about one stored rendering of a report, without its content; {@code reason} is why it was rendered
 * ({@link RenderReason#code()}, null before V25).
 */
public record StoredReport(long id, RenderedReport.Format format, String reportId, String sha256, long sizeBytes,
                           long renderMs, Instant createdAt, String node, String renderedBy, String language,
                           String reason) {
}
