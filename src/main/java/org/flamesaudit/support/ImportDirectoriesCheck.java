package org.flamesaudit.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Checks the import directories when the application starts and logs them, so a misconfigured
 * {@code FLAMES_IMPORT_DIRS} fails the deployment with its reason instead of failing the first import.
 */
@ApplicationScoped
public class ImportDirectoriesCheck {

    private static final SupportLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), SupportLogger.class,
            ImportDirectoriesCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        ImportDirectories dirs = ImportDirectories.configured();
        LOG.importDirectories(dirs.roots(), ImportDirectories.ENV, ImportDirectories.PROPERTY);
    }
}
