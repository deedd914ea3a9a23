package org.flamesaudit.reporting;

import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Setting;

import java.util.Locale;

/**
 * The language a PDF report is written in: Simplified Chinese by default ({@code FLAMES_REPORT_LANGUAGE}, issue 22:
 * the readers are Chinese compliance teams and regulators), English on request ({@code ?lang=en}). The prompts,
 * answers and rationales are printed as stored, whatever the language.
 */
public enum ReportLanguage {
    ZH("zh", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String code;
    private final Locale locale;

    ReportLanguage(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** "zh" or "en", as the API and the stored rendering name it. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The configured default ({@code FLAMES_REPORT_LANGUAGE}, default "zh"). */
    public static ReportLanguage configured() {
        String v = Setting.REPORT_LANGUAGE.value().orElse("zh");
        try {
            return parse(v);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(Setting.REPORT_LANGUAGE.label(), "must be zh or en, not \"" + v + "\"");
        }
    }

    /**
     * The language of a request's {@code lang}: null or blank is the configured default.
     *
     * @throws ConfigurationException naming the field {@code lang} for anything but zh or en (any case)
     */
    public static ReportLanguage of(String lang) {
        return lang == null || lang.isBlank() ? configured() : parse(lang);
    }

    private static ReportLanguage parse(String v) {
        for (ReportLanguage l : values()) {
            if (l.code.equalsIgnoreCase(v.strip())) {
                return l;
            }
        }
        throw new ConfigurationException("lang", "must be zh (Simplified Chinese) or en (English), not \"" + v + "\"");
    }
}
