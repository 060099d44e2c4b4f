package org.commonweal.quality.claims;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import javax.sql.DataSource;
import org.commonweal.coverage.Coverage;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.commonweal.quality.supplemental.SupplementalCsv;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The demo's claims and clinical data, so the quality pages open on believable rates: for the plan's active members
 * (all of them at the small scale, the first {@value #FULL_MEMBERS} at the full one) a year of office visits, the
 * sexual-health visits and the members' care ({@link SyntheticClaims}, {@link SyntheticCare}), dated up to today,
 * stored as the importers store them (the 837 through the importer's reader and chunk writer, the lab and
 * immunization CSVs through {@link SupplementalCsv}, the FHIR NDJSON through {@link ClinicalSources}), all in the demo
 * run's one transaction. Like every generator, it never runs over claims or clinical data it did not write (an import,
 * a center screening): {@code DemoLoader} leaves the module alone then. The measures are run once it has loaded
 * ({@code results.DemoMeasureRuns}). Off with {@code commonweal.demo.quality-care=false} (the tests' profile).
 */
@Component
@ConditionalOnProperty(name = "commonweal.demo.quality-care", havingValue = "true", matchIfMissing = true)
class CareDemoData implements DemoDataGenerator {

    static final String NAME = "quality-care";
    static final String SENDER = "demo";
    static final int FULL_MEMBERS = 50_000;
    private static final String PURPOSE = "quality: demo claims and clinical data";

    private final Coverage coverage;
    private final NetworkDirectory directory;
    private final SupplementalCsv supplemental;
    private final ClinicalSources clinical;
    private final DataSource dataSource;

    CareDemoData(
            Coverage coverage,
            NetworkDirectory directory,
            SupplementalCsv supplemental,
            ClinicalSources clinical,
            DataSource dataSource) {
        this.coverage = coverage;
        this.directory = directory;
        this.supplemental = supplemental;
        this.clinical = clinical;
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 910;
    }

    @Override
    public List<String> tables() {
        return List.of(
                "quality.claim_file",
                "quality.claim",
                "quality.service_line",
                "quality.claim_reject",
                "quality.clinical_source",
                "quality.clinical_resource",
                "quality.clinical_reject");
    }

    @Override
    public void reset(DemoContext context) {
        // only ever called when every row of these tables is the generator's own
        for (var table : tables().reversed())
            context.jdbc().sql("delete from " + table).update();
    }

    @Override
    public long generate(DemoContext context) throws Exception {
        var today = LocalDate.now();
        long cap = context.scale().pick(Long.MAX_VALUE, FULL_MEMBERS);
        var members = new ArrayList<SyntheticClaims.Member>();
        var ids = new HashMap<String, String>();
        coverage.forEachActiveMember(today, PURPOSE, m -> {
            if (members.size() >= cap) return;
            members.add(new SyntheticClaims.Member(m.memberId(), m.birthDate(), m.sex()));
            ids.put(m.memberId(), m.memberId());
        });
        if (members.isEmpty()) return 0;
        // about as many visits as the full data set has per member (13.45 M for 2.73 M)
        int visits = (int) Math.round(members.size() * 4.9);
        var x12 = new StringWriter();
        var labs = new StringWriter();
        var immunizations = new StringWriter();
        var fhir = new StringWriter();
        new SyntheticClaims(context.seed(), today.getYear(), today)
                .write(
                        members,
                        visits,
                        SyntheticClaims.Kind.ALL,
                        x12,
                        new SyntheticCare.Sinks(labs, immunizations, fhir));
        long rows = claims(context, x12.toString(), ids);
        var year = today.getYear();
        rows += supplemental
                .importLabs(new StringReader(labs.toString()), "demo-labs-" + year + ".csv", SENDER)
                .stored();
        rows += supplemental
                .importImmunizations(
                        new StringReader(immunizations.toString()), "demo-immunizations-" + year + ".csv", SENDER)
                .stored();
        rows += clinical.importNdjson(
                        new ByteArrayInputStream(fhir.toString().getBytes(StandardCharsets.UTF_8)),
                        "demo-clinical-" + year + ".ndjson",
                        SENDER)
                .stored();
        return rows;
    }

    /** The 837 as {@code ClaimImport} stores it: the reader's claims through the chunk writer, in the run's transaction. */
    private long claims(DemoContext context, String x12, java.util.Map<String, String> members) throws Exception {
        long fileId = context.jdbc()
                .sql("insert into quality.claim_file (file_name, sha256, received_by, status)"
                        + " values (?, ?, ?, 'importing') returning id")
                .params("demo-claims-" + LocalDate.now().getYear() + ".837", "demo", SENDER)
                .query(Long.class)
                .single();
        var events = new ArrayList<Object>();
        new Claim837Parser(events::add, events::add)
                .parse(new ByteArrayInputStream(x12.getBytes(StandardCharsets.US_ASCII)));
        var connection = DataSourceUtils.getConnection(dataSource);
        ClaimChunk.Counts counts;
        try {
            counts = new ClaimChunk(events, fileId, members, coverage, new HashMap<>(), directory).apply(connection);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        context.jdbc()
                .sql("""
                        update quality.claim_file set status = 'imported', claims_done = ?, claims_accepted = ?,
                            claims_rejected = ?, service_lines = ?, claims_npi_unlinked = ? where id = ?""")
                .params(
                        events.size(),
                        counts.accepted(),
                        counts.rejected(),
                        counts.lines(),
                        counts.npiUnlinked(),
                        fileId)
                .update();
        return counts.accepted() + counts.lines();
    }
}
