package org.flamesaudit.api;

import org.flamesaudit.support.ConfigurationException;

/** The paging parameters every list endpoint takes: {@code page} from 0, {@code size} 1 to 1000. */
final class Paging {

    static final int MAX_SIZE = 1000;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw new ConfigurationException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ConfigurationException("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new ConfigurationException("page", "is beyond the last row any list can have (page x size must be "
                    + "at most " + Integer.MAX_VALUE + ")");
        }
    }
}
