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

    public byte[] pdf(AssessmentReport report, ReportLanguage language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        AssessmentReportPdf.render(report, language, out);
        return signing.sign(out.toByteArray(), report.id());
    }

    public byte[] workbook(AssessmentReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        AssessmentWorkbook.write(report, out);
        return out.toByteArray();
    }
}
