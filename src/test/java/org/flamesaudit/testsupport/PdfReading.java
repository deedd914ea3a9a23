package org.flamesaudit.testsupport;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a PDF back with PDFBox for assertions: its text, and every font it uses with whether it is embedded. */
public final class PdfReading {

    public record FontUse(int page, String name, boolean embedded) {
    }

    private PdfReading() {
    }

    public static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    public static List<FontUse> fonts(byte[] pdf) throws IOException {
        List<FontUse> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int p = 0;
            for (PDPage page : doc.getPages()) {
                p++;
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    fonts.add(new FontUse(p, font.getName(), font.isEmbedded()));
                }
            }
        }
        return fonts;
    }
}
