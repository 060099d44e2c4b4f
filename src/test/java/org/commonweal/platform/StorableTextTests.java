package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTests {

    @Test
    void textWithTabsAndLineBreaksIsStorable() {
        assertThat(StorableText.problem(null)).isNull();
        assertThat(StorableText.problem("")).isNull();
        assertThat(StorableText.problem("Clínica \"Romero\"\tSuite 2\r\nLos Ángeles ✓ \u007F"))
                .isNull();
    }

    @Test
    void nulAndOtherControlCharactersAreRefusedWithWhereTheyAre() {
        assertThat(StorableText.problem("Valley\u0000Dental"))
                .isEqualTo("contains the control character U+0000 at position 7");
        assertThat(StorableText.problem("\u001F")).isEqualTo("contains the control character U+001F at position 1");
        assertThat(StorableText.problem("ok\u0008")).isEqualTo("contains the control character U+0008 at position 3");
    }
}
