package org.commonweal.coverage.x12;

import java.util.ArrayList;
import java.util.List;

/** Hand-written 834 text for tests: segments joined with the envelope counts computed, delimiters chosen. */
public final class Sample834 {

    private final List<String> body = new ArrayList<>();
    private String control = "000000101";
    private String version = "005010X220A1";
    private String date = "20261115";
    private String bgn08 = "2";
    private int seAdjust;

    public Sample834 control(String control) {
        this.control = control;
        return this;
    }

    Sample834 version(String version) {
        this.version = version;
        return this;
    }

    Sample834 date(String date) {
        this.date = date;
        return this;
    }

    Sample834 full() {
        this.bgn08 = "4";
        return this;
    }

    Sample834 wrongSegmentCount() {
        this.seAdjust = 1;
        return this;
    }

    Sample834 add(String... segments) {
        body.addAll(List.of(segments));
        return this;
    }

    /** A complete DHCS-style member loop. */
    public Sample834 member(
            String type,
            String memberId,
            String cin,
            String last,
            String first,
            String plan,
            String begin,
            String end) {
        add(
                "INS*Y*18*" + type + "*XN*A***AC",
                "REF*0F*" + memberId,
                "REF*1L*" + cin,
                "REF*23*6;20240101;20230101;;",
                "REF*3H*19;1H;123456",
                "DTP*356*D8*" + begin);
        if (end != null) {
            add("DTP*357*D8*" + end);
        }
        add(
                "NM1*IL*1*" + last + "*" + first,
                "PER*IP**TE*3235550100",
                "N3*100 MAIN ST",
                "N4*LOS ANGELES*CA*90033**CY*19",
                "DMG*D8*19800101*F",
                "LUI*LE*spa**7",
                "HD*" + type + "**HLT*" + plan + ";01",
                "DTP*348*D8*" + begin);
        if (end != null) {
            add("DTP*349*D8*" + end);
        }
        return add("REF*CE*1H", "LX*1", "NM1*P3*1*NGUYEN*ANA****XX*1234567893");
    }

    public String text() {
        return text('*', '~', "\n");
    }

    String text(char elementSep, char terminator, String lineEnd) {
        List<String> segs = new ArrayList<>();
        segs.add("GS*BE*CADHCS_5010_834*LACARE*" + date + "*0400*101*X*" + version);
        segs.add("ST*834*0001*" + version);
        segs.add("BGN*00*REF1*" + date + "*0400*PT***" + bgn08);
        segs.add("N1*P5*CA DEPT OF HEALTH CARE SERVICES*FI*680000000");
        segs.add("N1*IN*L.A. CARE HEALTH PLAN*FI*954000000");
        segs.addAll(body);
        int inSet = body.size() + 4 + 1;
        segs.add("SE*" + (inSet + seAdjust) + "*0001");
        segs.add("GE*1*101");
        segs.add("IEA*1*" + control);
        String isa = "ISA*00*          *00*          *ZZ*CADHCS_5010_834*ZZ*LACARE         *261115*0400*^*00501*"
                + control + "*0*P*:";
        var out = new StringBuilder(isa.replace('*', elementSep))
                .append(terminator)
                .append(lineEnd);
        for (String s : segs) {
            out.append(s.replace('*', elementSep)).append(terminator).append(lineEnd);
        }
        return out.toString();
    }
}
