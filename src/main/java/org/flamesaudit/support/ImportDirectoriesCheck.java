package org.flamesaudit.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/**
 * Checks the import directories when the application starts and logs them, so a misconfigured
 * {@code FLAMES_IMPORT_DIRS} fails the deployment with its reason instead of failing the first import.
 */
@ApplicationScoped
public class ImportDirectoriesCheck {

    private static final Logger LOG = Logger.getLogger(ImportDirectoriesCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        ImportDirectories dirs = ImportDirectories.configured();
        LOG.info(() -> "files named through the API are read only inside " + dirs.roots()
                + " (set " + ImportDirectories.ENV + " or -D" + ImportDirectories.PROPERTY + " to change)");
    }
}
