package org.flamesaudit.reporting;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Which characters the PDF reports can print: those of the fonts the report embeds ({@code fonts/flames-fonts.xml}:
 * DejaVu Sans, Droid Sans Fallback, HanaMinB for CJK Extension B and later, Symbola for emoji). A character none of
 * them has would be dropped by the PDF without a trace, so text from the run (prompts, answers, rationales) passes
 * through {@link #printable} first, which puts {@value #MARK} in its place, and the report says how many were
 * replaced. Invisible formatting characters (zero-width joiners, variation selectors, skin-tone modifiers) are kept
 * as they are: they print nothing either way. The workbook and the API always keep the exact text.
 */
public final class Glyphs {

    /** The visible mark of a character no report font has (U+FFFD REPLACEMENT CHARACTER, in DejaVu Sans). */
    public static final String MARK = "\uFFFD";

    private static final String[] FONTS = {"fonts/FlamesLatin.ttf", "fonts/FlamesCJK.ttf", "fonts/FlamesCJKExt.ttf",
            "fonts/FlamesSymbols.ttf"};

    private Glyphs() {
    }

    /** The fonts, loaded once per JVM from the application's classpath. */
    private static final class Loaded {
        static final List<Font> FONTS_LOADED = load();

        private static List<Font> load() {
            List<Font> fonts = new ArrayList<>();
            for (String name : FONTS) {
                try (InputStream in = Glyphs.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException(name + " is missing from the application; the build copies it "
                                + "(bash reports/install-fonts.sh installs the font packages)");
                    }
                    fonts.add(Font.createFont(Font.TRUETYPE_FONT, in));
                } catch (IOException | FontFormatException e) {
                    throw new IllegalStateException(name + " does not load: " + e.getMessage(), e);
                }
            }
            return List.copyOf(fonts);
        }
    }

    /** The text with every character no report font has replaced by {@link #MARK}; null stays null. */
    public static String printable(String text) {
        if (text == null || missing(text) == 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (printsOrInvisible(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(MARK);
            }
        });
        return b.toString();
    }

    /** How many characters of {@code text} no report font has (0 for null). */
    public static long missing(String text) {
        return text == null ? 0 : text.codePoints().filter(cp -> !printsOrInvisible(cp)).count();
    }

    private static boolean printsOrInvisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isISOControl(cp) || invisible(cp)) {
            return true;
        }
        for (Font f : Loaded.FONTS_LOADED) {
            if (f.canDisplay(cp)) {
                return true;
            }
        }
        return false;
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT                       // zero-width joiner and the like
                || (cp >= 0xFE00 && cp <= 0xFE0F)              // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)            // variation selectors supplement
                || (cp >= 0x1F3FB && cp <= 0x1F3FF);           // emoji skin-tone modifiers
    }
}
