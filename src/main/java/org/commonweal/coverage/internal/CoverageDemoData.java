package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.coverage.x12.MemberTransaction;
import org.commonweal.coverage.x12.NameKey;
import org.commonweal.coverage.x12.SyntheticMembers;
import org.commonweal.demo.CopyRows;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * The membership: a few thousand members at small scale, 2.9 million at full scale, written with COPY (indexes
 * rebuilt afterwards at full scale). Includes {@code DEMO-MEMBER-1}, the member behind the demo MEMBER login.
 */
@Component
class CoverageDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "coverage.member",
            "coverage.enrollment_span",
            "coverage.member_change",
            "coverage.import_reject",
            "coverage.import_seen",
            "coverage.import_file");

    static final String DEMO_MEMBER = "DEMO-MEMBER-1";
    private static final List<String> MEMBER_COLUMNS = List.of(
            "member_id",
            "cin",
            "mbi",
            "first_name",
            "last_name",
            "name_key",
            "birth_date",
            "sex",
            "address_line1",
            "city",
            "state",
            "zip",
            "county_code",
            "latitude",
            "longitude",
            "spa",
            "rcac_region",
            "phone",
            "spoken_language",
            "written_language",
            "race_ethnicity");
    private static final List<String> SPAN_COLUMNS = List.of(
            "member_id",
            "product_line",
            "plan_code",
            "aid_codes",
            "begin_date",
            "end_date",
            "status",
            "pcp_npi",
            "pcp_name",
            "pcp_location");
    private static final String[] INDEXES = {
        "create unique index enrollment_span_key on coverage.enrollment_span (member_id, plan_code, begin_date)",
        "create index member_cin on coverage.member (cin)",
        "create index member_mbi on coverage.member (mbi)",
        "create index member_name on coverage.member (birth_date, name_key)"
    };

    private final Geography geography;

    private final ZoneId zone;

    CoverageDemoData(Geography geography, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.geography = geography;
    }

    @Override
    public String name() {
        return "coverage";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void reset(DemoContext context) {
        context.jdbc()
                .sql("truncate " + String.join(", ", TABLES) + " restart identity")
                .update();
    }

    @Override
    public long generate(DemoContext context) {
        long members = context.scale().pick(3_000, 2_900_000);
        LocalDate today = LocalDate.now(zone);
        var synthetic = new SyntheticMembers(context.people(), context.seed(), today);
        boolean bulk = members > 100_000;
        if (bulk) {
            for (String index : INDEXES) {
                context.jdbc()
                        .sql("drop index if exists coverage." + index.split(" ")[index.contains("unique") ? 3 : 2])
                        .update();
            }
        }
        long rows = context.copy("coverage.member", MEMBER_COLUMNS, out -> {
            demoMember(out, today);
            for (long i = 1; i <= members; i++) {
                member(out, synthetic.member(i), synthetic.raceEthnicity(i));
            }
        });
        rows += context.copy("coverage.enrollment_span", SPAN_COLUMNS, out -> {
            demoSpans(out, today);
            for (long i = 1; i <= members; i++) {
                spans(out, synthetic.member(i));
            }
        });
        if (bulk) {
            for (String index : INDEXES) {
                context.jdbc().sql(index).update();
            }
            context.jdbc().sql("analyze coverage.member").update();
            context.jdbc().sql("analyze coverage.enrollment_span").update();
        }
        context.jdbc().sql("""
                insert into coverage.member_change (member_id, source, username, reason, summary) values
                (?, 'user', 'member-services', 'member called with new phone number', 'phone changed'),
                (?, 'demo', null, null, 'enrolled in Medi-Cal (demo data)')""").params(DEMO_MEMBER, DEMO_MEMBER).update();
        return rows + 2;
    }

    private void member(CopyRows out, MemberTransaction m, String raceEthnicity) {
        ZipArea zip = geography.zip(m.zip()).orElse(null);
        out.row(
                m.memberId(),
                m.cin(),
                m.mbi(),
                m.firstName(),
                m.lastName(),
                NameKey.of(m.lastName(), m.firstName()),
                m.birthDate(),
                m.sex(),
                m.addressLine1(),
                m.city(),
                m.state(),
                m.zip(),
                m.countyCode(),
                zip == null ? null : zip.centroid().latitude(),
                zip == null ? null : zip.centroid().longitude(),
                zip == null ? null : zip.spa(),
                zip == null ? null : zip.rcacRegion(),
                m.phone(),
                m.spokenLanguage(),
                m.writtenLanguage(),
                raceEthnicity);
    }

    private static void spans(CopyRows out, MemberTransaction m) {
        for (MemberTransaction.CoverageLine c : m.coverages()) {
            out.row(
                    m.memberId(),
                    productLine(c.planCode()),
                    c.planCode(),
                    c.aidCodes().toArray(String[]::new),
                    c.begin(),
                    c.end(),
                    c.end() == null ? "active" : "terminated",
                    c.pcpNpi(),
                    c.pcpName(),
                    c.pcpLocation());
        }
    }

    static String productLine(String planCode) {
        return switch (planCode.substring(0, 2)) {
            case "LA" -> "MCLA";
            case "CC" -> "LACC";
            case "MP" -> "MCP";
            default -> "PASC";
        };
    }

    private void demoMember(CopyRows out, LocalDate today) {
        ZipArea zip = geography.zip("90033").orElse(geography.zips().get(0));
        out.row(
                DEMO_MEMBER,
                "91234567A",
                null,
                "María",
                "Peña",
                NameKey.of("Peña", "María"),
                LocalDate.of(1986, 4, 12),
                "F",
                "1200 N State St",
                "Los Angeles",
                "CA",
                zip.zip(),
                "19",
                zip.centroid().latitude(),
                zip.centroid().longitude(),
                zip.spa(),
                zip.rcacRegion(),
                "3235550142",
                "es",
                "es",
                "hispanic");
    }

    private static void demoSpans(CopyRows out, LocalDate today) {
        out.row(
                DEMO_MEMBER,
                "MCLA",
                "LA2",
                new String[] {"M3"},
                today.minusYears(3).withDayOfYear(1),
                today.minusYears(1).withDayOfYear(1).minusDays(1),
                "terminated",
                "1234567893",
                "Ana Nguyen",
                "AltaMed Medical Group");
        out.row(
                DEMO_MEMBER,
                "MCLA",
                "LA1",
                new String[] {"1H"},
                today.minusYears(1).withDayOfYear(1),
                null,
                "active",
                "1982736450",
                "Jorge Hernandez",
                "St. John's Community Health");
    }
}
