package org.flamesaudit.reporting;

import org.flamesaudit.glossary.Glossary;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit report's text in one language, from the bundles {@code org/flamesaudit/reporting/report_zh.properties} and
 * {@code report_en.properties}. A text's {@code ${key}} is the glossary's term for that key in this language
 * ({@code ${^key}}: with a capital first letter), so the report uses the console's words. The templates read the same
 * bundle through {@code $R{key}} (it is passed as their {@code REPORT_RESOURCE_BUNDLE}).
 */
public final class ReportText extends ResourceBundle {

    private static final Pattern TERM = Pattern.compile("\\$\\{(\\^?)([^}]+)}");
    private static final Map<ReportLanguage, ReportText> CACHE = new ConcurrentHashMap<>();

    private final ReportLanguage language;
    private final ResourceBundle bundle;
    /** Every text with its glossary terms in place, computed once (the templates read them per element). */
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    private ReportText(ReportLanguage language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle("org.flamesaudit.reporting.report", language.locale(),
                ReportText.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The report text of a language (read once). */
    public static ReportText of(ReportLanguage language) {
        return CACHE.computeIfAbsent(language, ReportText::new);
    }

    public ReportLanguage language() {
        return language;
    }

    /**
     * The text of a key with its glossary terms in place and {@code args} formatted in ({@link MessageFormat}; pass
     * numbers already formatted by {@link ReportFormat}).
     *
     * @throws MissingResourceException when the bundle has no such key
     */
    public String get(String key, Object... args) {
        String pattern = getString(key);
        return args.length == 0 && pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0 ? pattern
                : new MessageFormat(pattern, language.locale()).format(args);
    }

    /** The glossary's term of a key in this language. */
    public String term(String key) {
        return Glossary.term(key).in(language.code());
    }

    @Override
    protected Object handleGetObject(String key) {
        return texts.computeIfAbsent(key, this::withTerms);
    }

    private String withTerms(String key) {
        String raw = bundle.getString(key);
        Matcher m = TERM.matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String term = term(m.group(2));
            if (!m.group(1).isEmpty() && !term.isEmpty()) {
                term = Character.toUpperCase(term.charAt(0)) + term.substring(1);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(term));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public Enumeration<String> getKeys() {
        return bundle.getKeys();
    }

    @Override
    protected java.util.Set<String> handleKeySet() {
        return Collections.unmodifiableSet(bundle.keySet());
    }
}
