package org.flamesaudit.schedule;

/**
 * What a schedule does about slots that passed while no server was running (or while the scheduler could not reach
 * the database): {@link #RUN_ONCE} starts one run for the latest missed slot, however many were missed, and records
 * how many it stands for; {@link #SKIP} records the latest missed slot as SKIPPED and waits for the next one.
 */
public enum MissedFirings {
    RUN_ONCE, SKIP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<MissedFirings> fromLabel(String s) {
        for (MissedFirings m : values()) {
            if (m.label().equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
