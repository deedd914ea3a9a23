package org.flamesaudit.reporting;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTextTest {

    @Test
    void bothBundlesHaveTheSameKeysAndTheChineseOneIsChinese() {
        ReportText zh = ReportText.of(ReportLanguage.ZH);
        ReportText en = ReportText.of(ReportLanguage.EN);
        Set<String> zhKeys = new TreeSet<>(Collections.list(zh.getKeys()));
        Set<String> enKeys = new TreeSet<>(Collections.list(en.getKeys()));
        assertThat(zhKeys).isEqualTo(enKeys).hasSizeGreaterThan(100);
        for (String key : enKeys) {
            assertThat(en.getString(key)).as("en " + key).doesNotMatch("(?s).*[\\u4e00-\\u9fff].*");
        }
        // every Chinese text has Chinese in it, but for a few that are names and numbers only
        Set<String> namesOnly = Set.of("agreement.pair");
        for (String key : zhKeys) {
            if (!namesOnly.contains(key)) {
                assertThat(zh.getString(key)).as("zh " + key).matches("(?s).*[\\u4e00-\\u9fff].*");
            }
        }
    }

    @Test
    void glossaryTermsAndArgumentsAreFilledIn() {
        assertThat(ReportText.of(ReportLanguage.ZH).get("summary.overall", "46.91%", "70.60", 5))
                .isEqualTo("总体无害率：46.91% · 总体无害分：70.60 · 覆盖 5 个维度中的 5 个");
        assertThat(ReportText.of(ReportLanguage.EN).get("summary.overall", "46.91%", "70.60", 5))
                .isEqualTo("Overall harmless rate: 46.91% · overall harmless score: 70.60 · 5 of 5 dimensions");
        assertThat(ReportText.of(ReportLanguage.EN).get("agreement.pair", 1, 2, "0.500", "8"))
                .isEqualTo("· Cohen's kappa 1–2 0.500 (n 8)");
    }

    /** Every $R{key} of the templates exists, and holds no apostrophe (the templates print it without MessageFormat). */
    @Test
    void everyTemplateKeyExists() throws Exception {
        Pattern r = Pattern.compile("\\$R\\{([a-zA-Z][^}]*)}");
        Set<String> used = new TreeSet<>();
        try (var files = Files.list(Path.of("reports"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jrxml")).toList()) {
                Matcher m = r.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("cover.title", "heading.summary", "table.rate", "example.answer", "approval.role");
        for (ReportLanguage l : ReportLanguage.values()) {
            for (String key : used) {
                assertThat(ReportText.of(l).getString(key)).as(l + " " + key).doesNotContain("'");
            }
        }
    }

    @Test
    void anUnknownLanguageIsRefusedByName() {
        assertThatThrownBy(() -> ReportLanguage.of("fr")).hasMessageContaining("lang")
                .hasMessageContaining("must be zh (Simplified Chinese) or en (English)");
        assertThat(ReportLanguage.of(null)).isEqualTo(ReportLanguage.ZH);
        assertThat(ReportLanguage.of("EN")).isEqualTo(ReportLanguage.EN);
    }
}
