package org.flamesaudit.reporting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCompilerTest {

    @Test
    void aTemplateWithADoctypeOrEntityIsRejectedBeforeParsing(@TempDir Path dir) throws Exception {
        Path xxe = dir.resolve("evil.jrxml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<jasperReport name=\"r\">&x;</jasperReport>");
        assertThatThrownBy(() -> TemplateCompiler.rejectDoctype(xxe))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("evil.jrxml").hasMessageContaining("DOCTYPE");
    }

    @Test
    void theShippedTemplatesHaveNoDoctypeAndAreCompiledIntoTheApplication() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("reports"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jrxml")).toList()) {
                TemplateCompiler.rejectDoctype(p);
                String name = p.getFileName().toString().replace(".jrxml", "");
                assertThat(ReportTemplates.get(name).getName()).isEqualTo(name);
            }
        }
    }

    @Test
    void aMissingFontFailsWithTheDebianPackageToInstall(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplateCompiler.copyFont(dir.resolve("none.ttf"), "abc", "fonts-droid-fallback",
                dir.resolve("out.ttf")))
                .hasMessageContaining("apt-get install fonts-droid-fallback").hasMessageContaining("none.ttf");
    }
}
