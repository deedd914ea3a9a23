package org.flamesaudit.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.assessment.AssessmentReport;

import java.io.ByteArrayOutputStream;

/**
 * The files of an assessment: the self-assessment PDF, signed with the organisation's report key like every audit
 * report ({@link ReportSigning}, PAdES), and the filing workbook. Rendered on request from the runs' current data
 * (the assessment id names that data); not stored.
 */
@ApplicationScoped
public class AssessmentRendering {

    @Inject
    ReportSigning signing;

    @Inject
    org.flamesaudit.actionlog.ActionLog actions;

    /** The signed PDF; each signing is in the audit log with the runs and the file's SHA-256. */
    @jakarta.transaction.Transactional
    public byte[] pdf(AssessmentReport report, ReportLanguage language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        AssessmentReportPdf.render(report, language, out);
        byte[] signed = signing.sign(out.toByteArray(), report.id());
        actions.assessment(report.id() + " · runs " + String.join(",", report.runs().stream()
                .map(r -> Long.toString(r.id())).toList()) + " · " + language.code() + " · SHA-256 "
                + org.flamesaudit.support.Sha256.of(signed));
        return signed;
    }

    public byte[] workbook(AssessmentReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        AssessmentWorkbook.write(report, out);
        return out.toByteArray();
    }
}
