package org.flamesaudit.bundle;

import org.flamesaudit.support.ConfigurationException;

/** A reproduction bundle that cannot be imported: the message names the file (and line and field) at fault. 400. */
public class BundleException extends ConfigurationException {

    public BundleException(String message) {
        super("bundle", message);
    }
}
