package org.flamesaudit.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void should_keep_texts_that_fit_and_cut_longer_ones_to_exactly_the_limit_with_a_marker() {
        assertThat(Texts.fit(null, 10)).isNull();
        assertThat(Texts.fit("短", 10)).isEqualTo("短");
        String huge = "长".repeat(Texts.LONG_TEXT + 5);
        String cut = Texts.fit(huge, Texts.LONG_TEXT);
        assertThat(cut).hasSize(Texts.LONG_TEXT).endsWith(Texts.CUT_MARKER).startsWith("长长长");
        assertThat(Texts.fit("x".repeat(3900), 3900)).hasSize(3900).doesNotContain("cut by");
    }
}
