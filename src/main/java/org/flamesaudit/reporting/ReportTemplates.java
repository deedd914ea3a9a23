package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled report templates, loaded from the application only (compiled at build time from {@code reports/} by
 * {@link TemplateCompiler}). No template is ever read from a user-supplied place or compiled at run time.
 */
public final class ReportTemplates {

    public static final String AUDIT = "audit-report";
    public static final String COMPARE = "compare-report";
    public static final String KEY_VALUE = "key-value";
    public static final String DIMENSION_TABLE = "dimension-table";
    public static final String EXAMPLES = "examples";
    public static final String APPROVAL = "approval";
    public static final String COMPARE_TABLE = "compare-table";
    public static final String ASSESSMENT = "assessment-report";
    public static final String ASSESSMENT_TABLE = "assessment-table";
    public static final String MAPPING_TABLE = "mapping-table";

    private static final Map<String, JasperReport> CACHE = new ConcurrentHashMap<>();

    private ReportTemplates() {
    }

    public static JasperReport get(String name) {
        return CACHE.computeIfAbsent(name, ReportTemplates::load);
    }

    private static JasperReport load(String name) {
        String resource = "reports/" + name + ".jasper";
        try (InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("report template " + resource + " is missing from the application; "
                        + "it is compiled from reports/" + name + ".jrxml by the build (mvn package)");
            }
            return (JasperReport) JRLoader.loadObject(in);
        } catch (IOException | JRException e) {
            throw new IllegalStateException("report template " + resource + " does not load: " + e.getMessage(), e);
        }
    }
}
