package org.flamesaudit.reporting;

import org.flamesaudit.dataset.Dimension;

/** The Chinese names the Flames paper gives its dimensions, shown beside the exact English strings in reports. */
public final class DimensionNames {

    private DimensionNames() {
    }

    /** "Fairness 公平性". */
    public static String bilingual(Dimension d) {
        return d.label() + " " + d.chineseName();
    }
}
