package org.flamesaudit.support;

/** Bounds for texts stored in columns of fixed capacity, so one oversized provider answer cannot fail a chunk. */
public final class Texts {

    /** Capacity of the long text columns (VARCHAR(1000000) in the Flyway schema). */
    public static final int LONG_TEXT = 1_000_000;
    /** Marker appended to a text cut to fit its column. */
    public static final String CUT_MARKER = "\n[... cut by Flames Audit: longer than the column allows]";

    private Texts() {
    }

    /** The text, or its beginning with {@link #CUT_MARKER} when longer than {@code max}; null stays null. */
    public static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT_MARKER.length()) + CUT_MARKER;
    }
}
