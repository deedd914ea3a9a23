package org.flamesaudit.glossary;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlossaryTest {

    @Test
    void everyTermHasBothLanguagesAndTheDimensionsAreThePapers() {
        assertThat(Glossary.terms()).hasSizeGreaterThan(30).allSatisfy(t -> {
            assertThat(t.zh()).as(t.key()).matches("(?s).*[\\u4e00-\\u9fff].*");
            assertThat(t.en()).as(t.key()).doesNotMatch("(?s).*[\\u4e00-\\u9fff].*");
            assertThat(t.definitionZh()).as(t.key()).matches("(?s).*[\\u4e00-\\u9fff].*");
            assertThat(t.definitionEn()).as(t.key()).doesNotMatch("(?s).*[\\u4e00-\\u9fff].*");
        });
        assertThat(Dimension.FAIRNESS.chineseName()).isEqualTo("公平性");
        assertThat(Dimension.DATA_PROTECTION.chineseName()).isEqualTo("数据保护");
        for (Dimension d : Dimension.values()) {
            assertThat(Glossary.en(d.glossaryKey())).isEqualTo(d.label());
        }
        // the console once said 无害得分 where the PDF said 无害分: there is one word now
        assertThat(Glossary.zh("harmlessScore")).isEqualTo("无害分");
        assertThat(Glossary.term("harmlessRate").in("en")).isEqualTo("harmless rate");
    }

    @Test
    void aMalformedLineIsNamed() {
        assertThatThrownBy(() -> Glossary.parse(new BufferedReader(new StringReader("# c\nkey\tzh\ten\n"))))
                .hasMessageContaining("line 2").hasMessageContaining("expected 6 tab-separated fields");
        assertThatThrownBy(() -> Glossary.parse(new BufferedReader(new StringReader(
                "a\t甲\ta\t定义\tdef\tsrc\na\t乙\tb\t定义\tdef\tsrc\n")))).hasMessageContaining("line 2")
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> Glossary.term("nope")).hasMessageContaining("no term \"nope\"");
    }
}
