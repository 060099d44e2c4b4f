package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Enrollment834ParserTests {

    private final List<MemberTransaction> members = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();
    private final List<Enrollment834Parser.FileHeader> headers = new ArrayList<>();

    private void parse(String text) throws X12Exception {
        new Enrollment834Parser(Set.of("LA1", "LA2", "MP1")::contains)
                .parse(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        new Enrollment834Parser.Handler() {
                            @Override
                            public void header(Enrollment834Parser.FileHeader header) {
                                headers.add(header);
                            }

                            @Override
                            public void member(MemberTransaction transaction) {
                                members.add(transaction);
                            }

                            @Override
                            public void reject(Reject reject) {
                                rejects.add(reject);
                            }
                        });
    }

    @Test
    void readsTheDhcsConventionsOfAMemberLoop() throws Exception {
        parse(new Sample834()
                .add(
                        "INS*Y*18*021*XN*A***AC",
                        "REF*0F*LA000000007",
                        "REF*1L*91234567A",
                        "REF*23*6;20200401;20200101;;",
                        "REF*3H*19;M3;CASE77",
                        "REF*6P*1EG4TE5MK73",
                        "REF*F6*123456789A",
                        "REF*17*20200101;X",
                        "REF*DX*0001",
                        "REF*ZZ*UNKNOWN QUALIFIER",
                        "REF*Q4*NEW ONE",
                        "DTP*356*D8*20260101",
                        "NM1*IL*1*PEÑA*MARÍA*L",
                        "PER*IP**TE*3235550100*EM*maria@example.org",
                        "N3*1200 N STATE ST*APT 4",
                        "N4*LOS ANGELES*CA*90033**CY*19",
                        "DMG*D8*19860412*F",
                        "LUI*LE*spa**7",
                        "LUI*LE*eng**6",
                        "HD*021**HLT*LA2;01",
                        "DTP*348*D8*20260101",
                        "REF*CE*M3",
                        "LX*1",
                        "NM1*P3*1*NGUYEN*ANA****XX*1234567893",
                        "N3*AltaMed Medical Group")
                .text());

        assertThat(rejects).isEmpty();
        assertThat(headers).singleElement().satisfies(h -> {
            assertThat(h.fileDate()).isEqualTo(LocalDate.of(2026, 11, 15));
            assertThat(h.purpose()).isEqualTo("change");
            assertThat(h.sponsor()).isEqualTo("CA DEPT OF HEALTH CARE SERVICES");
        });
        MemberTransaction m = members.get(0);
        assertThat(m.memberId()).isEqualTo("LA000000007");
        assertThat(m.cin()).isEqualTo("91234567A");
        assertThat(m.mbi()).isEqualTo("1EG4TE5MK73");
        assertThat(m.hicn()).isEqualTo("123456789A");
        assertThat(m.references())
                .containsExactly(
                        "23*6;20200401;20200101;;", "17*20200101;X", "DX*0001", "ZZ*UNKNOWN QUALIFIER", "Q4*NEW ONE");
        assertThat(m.positionInSet()).isEqualTo(5);
        assertThat(m.countyCode()).isEqualTo("19");
        assertThat(m.caseNumber()).isEqualTo("CASE77");
        assertThat(m.lastName()).isEqualTo("PEÑA");
        assertThat(m.middleName()).isEqualTo("L");
        assertThat(m.email()).isEqualTo("maria@example.org");
        assertThat(m.addressLine2()).isEqualTo("APT 4");
        assertThat(m.birthDate()).isEqualTo(LocalDate.of(1986, 4, 12));
        assertThat(m.spokenLanguage()).isEqualTo("es");
        assertThat(m.writtenLanguage()).isEqualTo("en");
        assertThat(m.coverages()).singleElement().satisfies(c -> {
            assertThat(c.planCode()).isEqualTo("LA2");
            assertThat(c.planStatus()).isEqualTo("01");
            assertThat(c.begin()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(c.end()).isNull();
            assertThat(c.aidCodes()).containsExactly("M3");
            assertThat(c.pcpNpi()).isEqualTo("1234567893");
            assertThat(c.pcpName()).isEqualTo("ANA NGUYEN");
            assertThat(c.pcpLocation()).isEqualTo("AltaMed Medical Group");
        });
    }

    @Test
    void takesDelimitersFromIsaWithCrlfLineEndings() throws Exception {
        parse(new Sample834()
                .member("021", "LA1", "90000001A", "LOPEZ", "ANA", "LA1", "20260101", null)
                .text('|', '\'', "\r\n")
                .replace("*0*P*:", "|0|P|:"));
        assertThat(rejects).isEmpty();
        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.lastName()).isEqualTo("LOPEZ");
            assertThat(m.coverages().get(0).planCode()).isEqualTo("LA1");
        });
    }

    @Test
    void rejectsABadMemberLoopAloneWithSegmentLoopMemberAndReason() throws Exception {
        parse(new Sample834()
                .member("021", "LA1", "90000001A", "LOPEZ", "ANA", "LA1", "20260101", null)
                .add(
                        "INS*Y*18*021*XN*A***AC",
                        "REF*0F*LA2",
                        "NM1*IL*1*RUIZ*JOSE",
                        "DMG*D8*19801340*M",
                        "HD*021**HLT*LA1;01",
                        "DTP*348*D8*20260101")
                .add(
                        "INS*Y*18*021*XN*A***AC",
                        "REF*0F*LA3",
                        "NM1*IL*1*KIM*MIN",
                        "HD*021**HLT*ZZ9;01",
                        "DTP*348*D8*20260101")
                .add("INS*Y*18*021*XN*A***AC", "NM1*IL*1*NOID*NOBODY", "HD*021**HLT*LA1;01", "DTP*348*D8*20260101")
                .add("INS*Y*18*099*XN*A***AC", "REF*0F*LA5")
                .member("021", "LA6", "90000006A", "CHEN", "WEI", "LA1", "20260101", null)
                .text());

        assertThat(members).extracting(MemberTransaction::memberId).containsExactly("LA1", "LA6");
        assertThat(rejects).hasSize(4);
        Reject badDate = rejects.get(0);
        // ISA=1, GS=2, ST=3, BGN, N1, N1 = 6, first member 17 segments (7..23), INS=24, REF=25, NM1=26, DMG=27
        assertThat(badDate.segmentNumber()).isEqualTo(27);
        assertThat(badDate.positionInSet()).isEqualTo(25);
        assertThat(badDate.segmentTag()).isEqualTo("DMG");
        assertThat(badDate.loopId()).isEqualTo("2100A");
        assertThat(badDate.memberId()).isEqualTo("LA2");
        assertThat(badDate.elementPosition()).isEqualTo(2);
        assertThat(badDate.reason()).contains("19801340").contains("not a date");
        assertThat(rejects.get(1)).satisfies(r -> {
            assertThat(r.segmentTag()).isEqualTo("HD");
            assertThat(r.loopId()).isEqualTo("2300");
            assertThat(r.memberId()).isEqualTo("LA3");
            assertThat(r.reason()).contains("ZZ9");
        });
        assertThat(rejects.get(2)).satisfies(r -> {
            assertThat(r.memberId()).isNull();
            assertThat(r.reason()).contains("REF*0F");
        });
        assertThat(rejects.get(3).reason()).contains("INS03").contains("099");
    }

    @Test
    void readsTerminationsAndReinstatementsWithoutDemographics() throws Exception {
        parse(new Sample834()
                .add(
                        "INS*Y*18*024*59*A***AC",
                        "REF*0F*LA9",
                        "DTP*357*D8*20261130",
                        "HD*024**HLT*LA1;01",
                        "DTP*349*D8*20261130")
                .add("INS*Y*18*024*59*A***AC", "REF*0F*LA10")
                .add("INS*Y*18*025*XN*A***AC", "REF*0F*LA11", "HD*025**HLT*LA1;01", "DTP*348*D8*20250101")
                .text());
        assertThat(members).extracting(MemberTransaction::maintenanceType).containsExactly("024", "025");
        assertThat(members.get(0).hasDemographics()).isFalse();
        assertThat(members.get(0).coverages().get(0).end()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(rejects)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("without an end date"));
    }

    @Test
    void takesTheCinFromRef1LOnlyWhateverTheOrderOfRef23() throws Exception {
        parse(new Sample834()
                .add(
                        "INS*Y*18*030*XN*A***AC",
                        "REF*0F*LA20",
                        "REF*1L*91234567A",
                        "REF*23*6;20200401;20200101;;",
                        "NM1*IL*1*LOPEZ*ANA",
                        "HD*030**HLT*LA1;01",
                        "DTP*348*D8*20260101")
                .add(
                        "INS*Y*18*030*XN*A***AC",
                        "REF*0F*LA21",
                        "REF*23*1;20200401;;",
                        "NM1*IL*1*KIM*MIN",
                        "HD*030**HLT*LA1;01",
                        "DTP*348*D8*20260101")
                .text());
        assertThat(rejects).isEmpty();
        assertThat(members.get(0).cin()).isEqualTo("91234567A");
        assertThat(members.get(0).references()).containsExactly("23*6;20200401;20200101;;");
        assertThat(members.get(1).cin()).isNull();
        assertThat(members.get(1).references()).containsExactly("23*1;20200401;;");
    }

    @Test
    void anEndTheDayBeforeTheBeginIsAVoidAndAnyEarlierEndIsRejectedAtTheDtp349() throws Exception {
        parse(new Sample834()
                .add(
                        "INS*Y*18*001*XN*A***AC",
                        "REF*0F*LA30",
                        "HD*001**HLT*LA1;01",
                        "DTP*348*D8*20261201",
                        "DTP*349*D8*20261130")
                .add(
                        "INS*Y*18*001*XN*A***AC",
                        "REF*0F*LA31",
                        "HD*001**HLT*LA1;01",
                        "DTP*348*D8*20261201",
                        "DTP*349*D8*20261129")
                .text());
        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.memberId()).isEqualTo("LA30");
            assertThat(m.coverages().get(0).voided()).isTrue();
        });
        // ST=1, BGN, N1, N1, then INS(5) REF HD DTP DTP(9); INS(10) REF HD DTP DTP*349(14)
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.segmentTag()).isEqualTo("DTP");
            assertThat(r.positionInSet()).isEqualTo(14);
            assertThat(r.segmentNumber()).isEqualTo(16);
            assertThat(r.loopId()).isEqualTo("2300");
            assertThat(r.memberId()).isEqualTo("LA31");
            assertThat(r.elementPosition()).isEqualTo(3);
            assertThat(r.reason()).contains("DTP*349").contains("2026-11-29");
        });
    }

    @Test
    void refusesUnreadableInput() {
        assertThatThrownBy(() -> parse("this is not X12")).isInstanceOf(X12Exception.class);
    }
}
