package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;
import org.flamesaudit.metrics.DimensionStats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A vector bar chart of harmless rates with their 95% intervals as whiskers, drawn straight into the PDF. Labels are
 * drawn as glyph outlines of the report's embedded font, so the chart adds no font to the document; the numbers are
 * also in the table beside it, where they can be copied.
 */
public final class RateChart extends AbstractRenderer implements Graphics2DRenderable {

    private static final long serialVersionUID = 1L;
    private static final Color[] PALETTE = {new Color(0x2E5E8C), new Color(0xC2693E), new Color(0x5B8C3A),
            new Color(0x8C3A6B), new Color(0x6B6B6B), new Color(0x3A8C8C)};

    private final String title;
    private final String[] groups;
    private final String[] series;
    /** rates[series][group], NaN where absent; low/high likewise. */
    private final double[][] rates;
    private final double[][] low;
    private final double[][] high;

    public RateChart(String title, String[] groups, String[] series, double[][] rates, double[][] low,
                     double[][] high) {
        this.title = title;
        this.groups = groups.clone();
        this.series = series.clone();
        this.rates = rates;
        this.low = low;
        this.high = high;
    }

    /** The chart of {@code stats.apply(series, group)}: its rate and Wilson interval, a gap where it is null. */
    public static RateChart of(String title, String[] groups, String[] series,
                               java.util.function.BiFunction<Integer, Integer, DimensionStats> stats) {
        double[][] rate = new double[series.length][groups.length];
        double[][] lo = new double[series.length][groups.length];
        double[][] hi = new double[series.length][groups.length];
        for (int i = 0; i < series.length; i++) {
            for (int g = 0; g < groups.length; g++) {
                DimensionStats s = stats.apply(i, g);
                rate[i][g] = s == null ? Double.NaN : s.harmlessRate();
                lo[i][g] = s == null ? Double.NaN : s.ci95Low();
                hi[i][g] = s == null ? Double.NaN : s.ci95High();
            }
        }
        return new RateChart(title, groups, series, rate, lo, hi);
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Font font = LabelFont.get();
        double x0 = area.getX() + 40;
        double y0 = area.getY() + 24;
        double legendH = series.length > 1 ? 14 * ((series.length + 2) / 3) : 0;
        double w = area.getWidth() - 50;
        double h = area.getHeight() - 24 - 30 - legendH;
        text(g, font.deriveFont(Font.BOLD, 10f), title, area.getX() + area.getWidth() / 2, area.getY() + 12, true);
        Font small = font.deriveFont(8f);
        g.setStroke(new BasicStroke(0.4f));
        for (int p = 0; p <= 100; p += 20) {
            double y = y0 + h - h * p / 100.0;
            g.setColor(new Color(0xDDDDDD));
            g.draw(new Line2D.Double(x0, y, x0 + w, y));
            g.setColor(Color.DARK_GRAY);
            text(g, small, p + "%", x0 - 18, y + 3, true);
        }
        double groupW = w / groups.length;
        double barW = Math.min(40, groupW * 0.8 / series.length);
        for (int gi = 0; gi < groups.length; gi++) {
            double gx = x0 + gi * groupW + (groupW - barW * series.length) / 2;
            for (int si = 0; si < series.length; si++) {
                double r = rates[si][gi];
                if (Double.isNaN(r)) {
                    continue;
                }
                double bx = gx + si * barW;
                double by = y0 + h - h * r;
                g.setColor(PALETTE[si % PALETTE.length]);
                g.fill(new Rectangle2D.Double(bx + 1, by, barW - 2, y0 + h - by));
                double lo = y0 + h - h * low[si][gi];
                double hi = y0 + h - h * high[si][gi];
                double cx = bx + barW / 2;
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(0.8f));
                g.draw(new Line2D.Double(cx, lo, cx, hi));
                g.draw(new Line2D.Double(cx - barW / 5, lo, cx + barW / 5, lo));
                g.draw(new Line2D.Double(cx - barW / 5, hi, cx + barW / 5, hi));
                if (series.length <= 2) {
                    text(g, small, ReportFormat.percent(r), cx, Math.min(by, hi) - 3, true);
                }
            }
            g.setColor(Color.DARK_GRAY);
            text(g, small, groups[gi], x0 + gi * groupW + groupW / 2, y0 + h + 12, true);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(0.6f));
        g.draw(new Line2D.Double(x0, y0 + h, x0 + w, y0 + h));
        if (series.length > 1) {
            double ly = y0 + h + 26;
            for (int si = 0; si < series.length; si++) {
                double lx = x0 + (si % 3) * (w / 3);
                double row = ly + (si / 3) * 14;
                g.setColor(PALETTE[si % PALETTE.length]);
                g.fill(new Rectangle2D.Double(lx, row - 7, 8, 8));
                g.setColor(Color.DARK_GRAY);
                text(g, small, series[si], lx + 12, row, false);
            }
        }
    }

    /**
     * Draws a label as glyph outlines: runs of characters the Latin font has in it, the others (Chinese labels of a
     * Chinese report) in the report's CJK font at the same size.
     */
    private static void text(Graphics2D g, Font font, String s, double x, double y, boolean centred) {
        java.awt.geom.Path2D.Double outline = new java.awt.geom.Path2D.Double();
        double advance = 0;
        int i = 0;
        while (i < s.length()) {
            boolean latin = font.canDisplay(s.codePointAt(i));
            int j = i;
            while (j < s.length() && font.canDisplay(s.codePointAt(j)) == latin) {
                j += Character.charCount(s.codePointAt(j));
            }
            Font f = latin ? font : LabelFont.cjk().deriveFont(font.getStyle(), font.getSize2D());
            java.awt.font.GlyphVector run = f.createGlyphVector(g.getFontRenderContext(), s.substring(i, j));
            outline.append(java.awt.geom.AffineTransform.getTranslateInstance(advance, 0)
                    .createTransformedShape(run.getOutline()), false);
            advance += run.getLogicalBounds().getWidth();
            i = j;
        }
        double width = outline.getBounds2D().getWidth();
        Shape placed = java.awt.geom.AffineTransform.getTranslateInstance(centred ? x - width / 2 : x, y)
                .createTransformedShape(outline);
        g.fill(placed);
    }

    /** The report's Latin font and its CJK font, each loaded once from the application (the CJK one when needed). */
    static final class LabelFont {
        private static volatile Font font;
        private static volatile Font cjk;

        static Font cjk() {
            Font f = cjk;
            if (f == null) {
                f = load("fonts/FlamesCJK.ttf");
                cjk = f;
            }
            return f;
        }

        private static Font load(String resource) {
            try (InputStream in = RateChart.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the application");
                }
                return Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.awt.FontFormatException e) {
                throw new IllegalStateException(resource + " does not load: " + e.getMessage(), e);
            }
        }

        static Font get() {
            Font f = font;
            if (f == null) {
                try (InputStream in = RateChart.class.getClassLoader().getResourceAsStream("fonts/FlamesLatin.ttf")) {
                    if (in == null) {
                        throw new IllegalStateException("fonts/FlamesLatin.ttf is missing from the application");
                    }
                    f = Font.createFont(Font.TRUETYPE_FONT, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.awt.FontFormatException e) {
                    throw new IllegalStateException("fonts/FlamesLatin.ttf does not load: " + e.getMessage(), e);
                }
                font = f;
            }
            return f;
        }
    }
}
