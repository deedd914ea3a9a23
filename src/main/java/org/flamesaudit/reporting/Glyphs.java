package org.flamesaudit.reporting;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

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

    /**
     * The fonts, each loaded from the application's classpath once per JVM and only when a character is not in the
     * fonts before it: ordinary Chinese and Latin text never loads the 30 MB CJK-extension font.
     */
    private static final Font[] LOADED = new Font[FONTS.length];

    private static synchronized Font font(int i) {
        if (LOADED[i] == null) {
            try (InputStream in = Glyphs.class.getClassLoader().getResourceAsStream(FONTS[i])) {
                if (in == null) {
                    throw new IllegalStateException(FONTS[i] + " is missing from the application; the build copies it "
                            + "(bash reports/install-fonts.sh installs the font packages)");
                }
                LOADED[i] = Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException(FONTS[i] + " does not load: " + e.getMessage(), e);
            }
        }
        return LOADED[i];
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
        for (int i = 0; i < FONTS.length; i++) {
            if (font(i).canDisplay(cp)) {
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
