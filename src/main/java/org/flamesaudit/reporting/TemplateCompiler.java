package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Build-time step (run by pom.xml in process-classes): copies the CJK font into the application and compiles every
 * JRXML template of {@code reports/} into a {@code .jasper} file under {@code reports/} on the class path. The server
 * therefore never parses a template and no report expression comes from anywhere but this repository. Fails the build
 * with a message saying what to install when the font is missing or cannot render Chinese.
 *
 * <p>Arguments: Latin font, Latin bold font, CJK font, templates directory, classes output directory.
 */
public final class TemplateCompiler {

    /** Characters the Latin font must have: letters, digits and the punctuation the reports use. */
    static final String LATIN_GLYPHS = "ABCXYZabcxyz0123456789%.,:;()[]-–·/=+*";
    /** Characters the CJK font must have: the reports' own Chinese labels and common CJK punctuation. */
    static final String CJK_GLYPHS = "公平性安全性道德性合法性数据保护无害率分数提示回复理由报告审计，。：；（）、";
    /** Characters the CJK extension font must have: Extension B (𠮷 𡈽 𪚥) and D (𫝀). */
    static final String CJK_EXT_GLYPHS = "\uD842\uDFB7\uD844\uDE3D\uD869\uDEA5\uD86D\uDF40";
    /** Characters the symbol font must have: emoji of the Emoticons and Pictographs blocks. */
    static final String SYMBOL_GLYPHS = "\uD83D\uDE00\uD83D\uDD25\uD83D\uDC4D\uD83D\uDE48";

    private TemplateCompiler() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: TemplateCompiler <latin.ttf> <latin-bold.ttf> <cjk.ttf> "
                    + "<cjk-extension.ttf> <symbols.ttf> "
                    + "<reports dir> <classes dir>");
        }
        Path templates = Path.of(args[5]);
        Path classes = Path.of(args[6]);
        copyFont(Path.of(args[0]), LATIN_GLYPHS, "fonts-dejavu-core", classes.resolve("fonts/FlamesLatin.ttf"));
        copyFont(Path.of(args[1]), LATIN_GLYPHS, "fonts-dejavu-core", classes.resolve("fonts/FlamesLatin-Bold.ttf"));
        copyFont(Path.of(args[2]), CJK_GLYPHS, "fonts-droid-fallback", classes.resolve("fonts/FlamesCJK.ttf"));
        copyFont(Path.of(args[3]), CJK_EXT_GLYPHS, "fonts-hanazono", classes.resolve("fonts/FlamesCJKExt.ttf"));
        copyFont(Path.of(args[4]), SYMBOL_GLYPHS, "fonts-symbola", classes.resolve("fonts/FlamesSymbols.ttf"));
        List<Path> jrxml;
        try (Stream<Path> s = Files.list(templates)) {
            jrxml = s.filter(p -> p.getFileName().toString().endsWith(".jrxml")).sorted().toList();
        }
        if (jrxml.isEmpty()) {
            throw new IllegalStateException("no .jrxml templates in " + templates.toAbsolutePath());
        }
        Path out = classes.resolve("reports");
        Files.createDirectories(out);
        for (Path p : jrxml) {
            rejectDoctype(p);
            String name = p.getFileName().toString().replaceFirst("\\.jrxml$", ".jasper");
            try {
                JasperCompileManager.compileReportToFile(p.toString(), out.resolve(name).toString());
            } catch (JRException e) {
                throw new IllegalStateException("report template " + p + " does not compile: " + e.getMessage(), e);
            }
            System.out.println("[flames] compiled " + p + " -> " + out.resolve(name));
        }
    }

    /**
     * A template may not declare a DOCTYPE: no DTD, external entity or entity expansion ever reaches the XML parser
     * (XXE and billion-laughs), whatever the parser's own settings.
     */
    static void rejectDoctype(Path template) throws IOException {
        String xml = Files.readString(template, StandardCharsets.UTF_8);
        if (xml.toUpperCase(Locale.ROOT).contains("<!DOCTYPE") || xml.toUpperCase(Locale.ROOT).contains("<!ENTITY")) {
            throw new IllegalStateException("report template " + template + " declares a DOCTYPE or an ENTITY; "
                    + "templates must be plain JRXML without a DTD (remove the declaration)");
        }
    }

    static void copyFont(Path font, String glyphs, String debianPackage, Path target) throws IOException {
        if (!Files.isRegularFile(font)) {
            throw new IllegalStateException("A font for the PDF reports is missing: " + font + ". Install it with "
                    + "`sudo apt-get install " + debianPackage + "` (bash reports/install-fonts.sh), or point "
                    + "-Dflames.latin.font, -Dflames.latin.bold.font, -Dflames.cjk.font, -Dflames.cjk.ext.font or "
                    + "-Dflames.symbols.font at another licence-clean single-face TrueType "
                    + "font (a .ttc collection does not work).");
        }
        Font awt;
        try {
            awt = Font.createFont(Font.TRUETYPE_FONT, font.toFile());
        } catch (FontFormatException e) {
            throw new IllegalStateException("The CJK font " + font + " is not a single-face TrueType font: "
                    + e.getMessage(), e);
        }
        int missing = awt.canDisplayUpTo(glyphs);
        if (missing >= 0) {
            throw new IllegalStateException("The font " + font + " has no glyph for '" + glyphs.charAt(missing)
                    + "'; use the font of the Debian package " + debianPackage + " or one that covers " + glyphs);
        }
        Files.createDirectories(target.getParent());
        Files.copy(font, target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[flames] report font " + awt.getFontName() + " from " + font);
        // the application redistributes the font: its licence and copyright travel with it
        Path copyright = Path.of("/usr/share/doc", debianPackage, "copyright");
        Path notice = target.resolveSibling(target.getFileName().toString().replace(".ttf", "") + ".COPYRIGHT.txt");
        if (Files.isRegularFile(copyright) && font.startsWith("/usr/share/fonts")) {
            Files.copy(copyright, notice, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(notice, "Font " + awt.getFontName() + " copied from " + font + " at build time; see "
                    + "that font's own licence.\n", StandardCharsets.UTF_8);
            System.out.println("[flames] WARNING: no Debian copyright file for " + font + "; record its licence "
                    + "with the application (" + notice.getFileName() + ")");
        }
    }
}
