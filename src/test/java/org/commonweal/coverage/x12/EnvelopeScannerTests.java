package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeScannerTests {

    private final EnvelopeScanner scanner = new EnvelopeScanner("BE", Set.of("005010X220A1"));

    private Envelope scan(String text) throws Exception {
        return scanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Sample834 oneMember() {
        return new Sample834().member("021", "LA1", "90000001A", "LOPEZ", "ANA", "LA1", "20260101", null);
    }

    @Test
    void acceptsAGoodEnvelopeAndHashesTheContent() throws Exception {
        Envelope e = scan(oneMember().text());
        assertThat(e.isa13()).isEqualTo("000000101");
        assertThat(e.groupControl()).isEqualTo("101");
        assertThat(e.transactionSets()).containsExactly("0001");
        assertThat(e.senderId()).isEqualTo("CADHCS_5010_834");
        assertThat(e.sha256())
                .hasSize(64)
                .isNotEqualTo(scan(oneMember().date("20261116").text()).sha256());
    }

    @Test
    void refusesATransactionSetWithAWrongSegmentCountByItself() throws Exception {
        Envelope e = scan(oneMember().wrongSegmentCount().text());
        assertThat(e.setErrors()).singleElement().satisfies(err -> {
            assertThat(err.control()).isEqualTo("0001");
            assertThat(err.code()).isEqualTo("4");
            assertThat(err.reason()).contains("SE01 says 23 segments in transaction set 0001 but it has 22");
        });
        assertThat(e.allSetsRefused()).isTrue();
        assertThat(e.setsIncluded()).isEqualTo(1);
    }

    @Test
    void readsTheQualifiersDateAndTimeOfTheIsa() throws Exception {
        Envelope e = scan(oneMember().text().replace("*ZZ*LACARE         *", "*30*954000000      *"));
        assertThat(e.senderQualifier()).isEqualTo("ZZ");
        assertThat(e.receiverQualifier()).isEqualTo("30");
        assertThat(e.receiverId()).isEqualTo("954000000");
        assertThat(e.isaDate()).isEqualTo("261115");
        assertThat(e.isaTime()).isEqualTo("0400");
    }

    @Test
    void refusesAFunctionalGroupOfAnotherTransactionAsAGroupError() {
        String text = oneMember().text().replace("GS*BE*", "GS*HS*");
        assertThatThrownBy(() -> scan(text)).isInstanceOfSatisfying(X12Exception.class, x -> {
            assertThat(x.level()).isEqualTo(X12Exception.Level.GROUP);
            assertThat(x.code()).isEqualTo("1");
            assertThat(x.partial().functionalId()).isEqualTo("HS");
            assertThat(x.partial().groupControl()).isEqualTo("101");
        });
    }

    @Test
    void refusesAnUnknownVersion() {
        assertThatThrownBy(() -> scan(oneMember().version("004010X095A1").text()))
                .isInstanceOf(X12Exception.class)
                .hasMessageContaining("unknown version GS08 '004010X095A1'");
    }

    @Test
    void refusesMismatchedInterchangeControlNumbers() {
        String text = oneMember().text().replace("IEA*1*000000101", "IEA*1*000000999");
        assertThatThrownBy(() -> scan(text))
                .hasMessageContaining("IEA02 does not match ISA13 '000000101'")
                .isInstanceOfSatisfying(X12Exception.class, x -> {
                    assertThat(x.level()).isEqualTo(X12Exception.Level.INTERCHANGE);
                    assertThat(x.code()).isEqualTo("001");
                });
    }

    @Test
    void refusesAWrongGroupCount() {
        String text = oneMember().text().replace("GE*1*101", "GE*2*101");
        assertThatThrownBy(() -> scan(text))
                .hasMessageContaining("GE01 says 2 transaction sets but group 101 has 1")
                .isInstanceOfSatisfying(X12Exception.class, x -> {
                    assertThat(x.code()).isEqualTo("5");
                    assertThat(x.partial().setsIncluded()).isEqualTo(2);
                    assertThat(x.partial().transactionSets()).containsExactly("0001");
                });
    }

    @Test
    void refusesATruncatedFile() {
        String text = oneMember().text();
        assertThatThrownBy(() -> scan(text.substring(0, text.indexOf("SE*")))).hasMessageContaining("no IEA trailer");
    }
}
