package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class X12WriterTests {

    @Test
    void transliteratesToTheExtendedCharacterSet() {
        assertThat(X12Writer.extended("Peña")).isEqualTo("Pena");
        assertThat(X12Writer.extended("MARÍA JOSÉ")).isEqualTo("MARIA JOSE");
        assertThat(X12Writer.extended("Straße Øster Łódź")).isEqualTo("Strasse Oster Lodz");
        assertThat(X12Writer.extended("Nguyễn 李")).isEqualTo("Nguyen ");
        assertThat(X12Writer.extended("plain ASCII")).isEqualTo("plain ASCII");
    }

    @Test
    void writesEachCharacterSetAsAskedAndKeepsComposites() {
        assertThat(write("extended")).isEqualTo("NM1*IL*1*Pena*Maria~\nCTX*REF02:A1~\n");
        assertThat(write("basic")).isEqualTo("NM1*IL*1*PENA*MARIA~\nCTX*REF02:A1~\n");
        assertThat(write("utf-8")).isEqualTo("NM1*IL*1*Peña*María~\nCTX*REF02:A1~\n");
    }

    private static String write(String characterSet) {
        var out = new StringWriter();
        new X12Writer(out, characterSet)
                .segment("NM1", "IL", "1", "Peña", "María")
                .segment("CTX", X12Writer.composite("REF02", "A1"));
        return out.toString();
    }
}
