package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.SimplePdfReportConfiguration;

import java.io.OutputStream;

/** Exports a filled report to PDF with the document metadata every Flames Audit report carries. */
final class PdfExport {

    private PdfExport() {
    }

    static void write(JasperPrint print, String title, String subject, OutputStream out) {
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration config = new SimplePdfExporterConfiguration();
        config.setMetadataTitle(title);
        config.setMetadataSubject(subject);
        config.setMetadataAuthor("Flames Audit");
        config.setMetadataCreator("Flames Audit (JasperReports)");
        config.setDisplayMetadataTitle(true);
        exporter.setConfiguration(config);
        SimplePdfReportConfiguration report = new SimplePdfReportConfiguration();
        report.setForceLineBreakPolicy(false);
        exporter.setConfiguration(report);
        try {
            exporter.exportReport();
        } catch (JRException e) {
            throw new IllegalStateException("PDF export failed: " + e.getMessage(), e);
        }
    }
}
