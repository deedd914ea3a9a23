package org.flamesaudit.testsupport;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/**
 * Arquillian deployments: the application's own WAR as the build packaged it ({@code -Dflames.war}, set by failsafe),
 * deployed as {@code ROOT.war}, with the test classes and AssertJ added. Nothing of the application is left out or
 * rebuilt, so an in-container test sees exactly the beans, jobs and persistence unit the product runs with.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive application(Class<?>... testClasses) {
        String war = System.getProperty("flames.war");
        if (war == null || !new File(war).isFile()) {
            throw new IllegalStateException("the application WAR is not there (" + war + "): run the in-container tests "
                    + "through Maven (mvn -B verify), which packages it and sets -Dflames.war");
        }
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(new File(war))
                .as(WebArchive.class);
        archive.addClasses(testClasses).addClass(Deployments.class);
        archive.addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
        return archive;
    }

    private static File jarOf(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
