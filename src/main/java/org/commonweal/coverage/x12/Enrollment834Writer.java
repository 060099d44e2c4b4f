package org.commonweal.coverage.x12;

import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Writes 834 files in the DHCS conventions (the ones {@link Enrollment834Parser} reads). */
public final class Enrollment834Writer {

    public static final String SENDER = "CADHCS_5010_834";
    private static final Map<String, String> ISO639_2 = Map.ofEntries(
            Map.entry("en", "eng"),
            Map.entry("es", "spa"),
            Map.entry("hy", "arm"),
            Map.entry("zh", "chi"),
            Map.entry("ko", "kor"),
            Map.entry("vi", "vie"),
            Map.entry("ru", "rus"),
            Map.entry("tl", "tgl"),
            Map.entry("fa", "per"),
            Map.entry("km", "khm"),
            Map.entry("ar", "ara"));

    private final X12Writer x12;
    private final LocalDate fileDate;
    private final String receiverId;
    private final String receiverName;

    /**
     * @param receiverId   the plan's id as DHCS addresses it (ISA08, GS03): {@code PlanIdentity.payerId()}
     * @param receiverName the plan in the N1*IN segment: {@code PlanIdentity.payerName()}
     */
    public Enrollment834Writer(Writer out, LocalDate fileDate, String receiverId, String receiverName) {
        // synthetic names as they are (the generator plays a partner whose profile says UTF-8)
        this.x12 = new X12Writer(out, true);
        this.fileDate = fileDate;
        this.receiverId = receiverId;
        this.receiverName = receiverName;
    }

    /** ISA…BGN…N1 segments; {@code full} writes BGN08 4 (verify), a change file BGN08 2. */
    public void begin(long control, boolean full) {
        LocalDateTime at = fileDate.atTime(4, 0);
        x12.interchange(SENDER, receiverId, X12Writer.control(control), at);
        x12.group("BE", SENDER, receiverId, String.valueOf(control % 1_000_000_000L), Enrollment834Parser.VERSION, at);
        x12.transactionSet("834", "0001", Enrollment834Parser.VERSION);
        x12.segment("BGN", "00", "LAC" + control, d8(fileDate), "0400", "PT", "", "", full ? "4" : "2");
        x12.segment("REF", "38", "19");
        x12.segment("N1", "P5", "CA DEPT OF HEALTH CARE SERVICES", "FI", "680000000");
        x12.segment("N1", "IN", receiverName, "FI", "954000000");
    }

    public void member(MemberTransaction m) {
        String type = m.maintenanceType();
        x12.segment("INS", "Y", "18", type, type.equals("024") ? "59" : "XN", "A", "", "", "AC");
        x12.segment("REF", "0F", m.memberId());
        if (m.cin() != null) {
            // DHCS: the CIN in REF*1L; REF*23 is a status code with dates, not the CIN
            x12.segment("REF", "1L", m.cin());
            x12.segment("REF", "23", "1;" + d8(m.eligibilityBegin() == null ? fileDate : m.eligibilityBegin()) + ";;");
        }
        String aid = m.coverages().isEmpty() || m.coverages().get(0).aidCodes().isEmpty()
                ? ""
                : m.coverages().get(0).aidCodes().get(0);
        if (m.countyCode() != null) {
            x12.segment("REF", "3H", m.countyCode() + ";" + aid + ";" + (m.caseNumber() == null ? "" : m.caseNumber()));
        }
        if (m.mbi() != null) {
            x12.segment("REF", "6P", m.mbi());
        }
        if (m.eligibilityBegin() != null) {
            x12.segment("DTP", "356", "D8", d8(m.eligibilityBegin()));
        }
        if (m.eligibilityEnd() != null) {
            x12.segment("DTP", "357", "D8", d8(m.eligibilityEnd()));
        }
        if (m.hasDemographics()) {
            x12.segment("NM1", "IL", "1", m.lastName(), m.firstName(), m.middleName());
            if (m.phone() != null) {
                x12.segment("PER", "IP", "", "TE", m.phone());
            }
            if (m.addressLine1() != null) {
                x12.segment("N3", m.addressLine1(), m.addressLine2());
                x12.segment("N4", m.city(), m.state(), m.zip(), "", "CY", m.countyCode());
            }
            if (m.birthDate() != null) {
                x12.segment("DMG", "D8", d8(m.birthDate()), m.sex());
            }
            if (m.spokenLanguage() != null) {
                x12.segment("LUI", "LE", ISO639_2.getOrDefault(m.spokenLanguage(), m.spokenLanguage()), "", "7");
            }
        }
        for (MemberTransaction.CoverageLine c : m.coverages()) {
            x12.segment(
                    "HD",
                    c.maintenanceType() == null ? type : c.maintenanceType(),
                    "",
                    c.insuranceLine(),
                    c.planCode() + ";" + (c.planStatus() == null ? "" : c.planStatus()));
            if (c.begin() != null) {
                x12.segment("DTP", "348", "D8", d8(c.begin()));
            }
            if (c.end() != null) {
                x12.segment("DTP", "349", "D8", d8(c.end()));
            }
            for (String code : c.aidCodes()) {
                x12.segment("REF", "CE", code);
            }
            if (c.pcpNpi() != null) {
                x12.segment("LX", "1");
                String[] name = c.pcpName().split(" ", 2);
                x12.segment(
                        "NM1",
                        "P3",
                        "1",
                        name.length > 1 ? name[1] : name[0],
                        name.length > 1 ? name[0] : "",
                        "",
                        "",
                        "",
                        "XX",
                        c.pcpNpi());
                if (c.pcpLocation() != null) {
                    x12.segment("N3", c.pcpLocation());
                }
            }
        }
    }

    public void end() {
        x12.endTransactionSet().endGroup().endInterchange();
    }

    static String d8(LocalDate date) {
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
