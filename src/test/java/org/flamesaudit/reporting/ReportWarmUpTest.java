package org.flamesaudit.reporting;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The made-up report of the start-up warm-up goes through the real PDF and workbook code, Chinese text included. */
class ReportWarmUpTest {

    @Test
    void renders_the_made_up_report_in_both_formats_through_the_real_writers() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();

        ReportWarmUp.renderSample(pdf, xlsx);

        String text = PdfReading.text(pdf.toByteArray());
        assertThat(text).contains("FA-0-warmup0000").contains("这是用于预热报告模板与字体的示例提示");
        assertThat(PdfReading.fonts(pdf.toByteArray())).isNotEmpty();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            // 40 items over the five dimensions in turn: 8 per dimension sheet, below its header row
            for (org.flamesaudit.dataset.Dimension d : org.flamesaudit.dataset.Dimension.values()) {
                assertThat(wb.getSheet(DimensionNames.bilingual(d)).getLastRowNum()).as(d.label()).isEqualTo(8);
            }
        }
    }
}
