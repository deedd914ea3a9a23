package org.flamesaudit.dataset;

import org.flamesaudit.support.ConfigurationException;

import java.util.Locale;

/**
 * What an import does with a line whose prompt text is the same as an earlier line's of the same file (whatever the
 * dimension): {@link #KEEP} stores it (Flames-1k's own file has none; a set that has some is reported with
 * {@code duplicatePrompts}), {@link #DROP} rejects it with the number of the line it repeats, so each text is asked
 * once. Chosen per import ({@code "repeatedPrompts": "keep" | "drop"}) and stored with the set.
 */
public enum RepeatedPrompts {
    KEEP, DROP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy a request names; {@code KEEP} when it names none; a 400 naming {@code field} otherwise. */
    public static RepeatedPrompts parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return KEEP;
        }
        for (RepeatedPrompts p : values()) {
            if (p.label().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new ConfigurationException(field, "must be keep (store a prompt that repeats an earlier line) or drop "
                + "(reject it, naming the line it repeats)");
    }
}
