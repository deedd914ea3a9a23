package org.flamesaudit.reporting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How every report writes a figure, so the PDF, the workbook's labels and the tests agree to the character. */
public final class ReportFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportFormat() {
    }

    /** A fraction as a percentage with two decimals: 0.453815 -> "45.38%"; NaN -> "n/a". */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * fraction);
    }

    /** A harmless score (0..100) with two decimals: 79.7858 -> "79.79"; NaN -> "n/a". */
    public static String score(double score) {
        return Double.isNaN(score) ? "n/a" : String.format(Locale.ROOT, "%.2f", score);
    }

    /** A 95% interval of a rate: "39.30% – 51.59%". */
    public static String interval(double low, double high) {
        return percent(low) + " – " + percent(high);
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** The UTC date of an instant, "2026-11-28"; null -> "—". */
    public static String date(Instant t) {
        return t == null ? "—" : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(t);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A duration in seconds as "1 h 02 min 05 s", "3 min 07 s" or "12.4 s". */
    public static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return "—";
        }
        long ms = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
        long s = ms / 1000;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, (s % 3600) / 60, s % 60);
    }
}
