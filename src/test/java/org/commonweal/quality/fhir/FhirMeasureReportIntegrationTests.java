package org.commonweal.quality.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /fhir/MeasureReport} and {@code /fhir/Measure} over real HTTP with SMART system scopes: summary, subject list
 * and individual reports of a hand-made run, refused without the scope, and valid against base FHIR R4 (the DEQM
 * and Quality Measure IG packages are not available offline, so their profiles are not checked).
 */
@IntegrationTest
class FhirMeasureReportIntegrationTests {

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commonweal.coverage.Coverage coverage;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final FhirContext fhir = FhirContext.forR4Cached();
    private Long run;

    @AfterEach
    void removeRun() {
        if (run != null)
            jdbc.sql("delete from quality.measure_run where id = ?").param(run).update();
    }

    /** Four members: A met, B an open gap, C excluded, D only in the initial population. */
    private long fixture() {
        run = newRun(4);
        for (var r : List.of(
                new Object[] {"FHIR-A", true, true, false, true},
                new Object[] {"FHIR-B", true, true, false, false},
                new Object[] {"FHIR-C", true, true, true, false},
                new Object[] {"FHIR-D", true, false, false, false})) {
            jdbc.sql("""
                    insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                      denominator_exclusion, denominator_exception, numerator) values (?, ?, ?, ?, ?, false, ?)""").params(run, r[0], r[1], r[2], r[3], r[4]).update();
        }
        return run;
    }

    /** A finished CMS130 run of 2026 with no results yet. */
    private long newRun(int members) {
        return jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  finished_at, members, started_by) values ('CMS130', 'https://madie.cms.gov/Measure/Test', ?, ?, 'ecqm',
                  now(), ?, 'test') returning id""")
                .params(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), members)
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/fhir+json");
        if (bearer != null) request.header("Authorization", bearer);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(MeasureReport report, String population) {
        return report.getGroupFirstRep().getPopulation().stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
                .findFirst()
                .orElseThrow()
                .getCount();
    }

    @Test
    void aClientWithTheScopeReadsTheRunsReportsAndOneWithoutItIsRefused() throws Exception {
        long id = fixture();
        String reports = ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ);
        String coverageOnly = ApiTokens.bearer(clients, port, ApiScope.COVERAGE_READ);

        var answer = get("/fhir/MeasureReport/" + id, reports);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var summary = fhir.newJsonParser().parseResource(MeasureReport.class, answer.body());
        assertThat(summary.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(summary.getMeasure()).isEqualTo("https://madie.cms.gov/Measure/Test");
        assertThat(count(summary, "initial-population")).isEqualTo(4);
        assertThat(count(summary, "denominator")).isEqualTo(3);
        assertThat(count(summary, "denominator-exclusion")).isEqualTo(1);
        assertThat(count(summary, "numerator")).isEqualTo(1);
        // 1 met of the 2 in the denominator and not excluded
        assertThat(summary.getGroupFirstRep().getMeasureScore().getValue().doubleValue())
                .isEqualTo(0.5);

        assertThat(get("/fhir/MeasureReport/" + id, coverageOnly).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/MeasureReport/" + id, null).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/MeasureReport/" + id + "-FHIR-A", coverageOnly).statusCode())
                .isEqualTo(403);

        var list = fhir.newJsonParser()
                .parseResource(
                        MeasureReport.class,
                        get("/fhir/MeasureReport/" + id + "-subject-list", reports)
                                .body());
        assertThat(list.getType()).isEqualTo(MeasureReport.MeasureReportType.SUBJECTLIST);
        var numerator = list.getContained().stream()
                .filter(r -> r.getIdPart().equals("numerator"))
                .findFirst()
                .map(r -> (ListResource) r)
                .orElseThrow();
        assertThat(numerator.getEntry())
                .extracting(e -> e.getItem().getReference())
                .containsExactly("Patient/FHIR-A");

        var individual = fhir.newJsonParser()
                .parseResource(
                        MeasureReport.class,
                        get("/fhir/MeasureReport/" + id + "-FHIR-B", reports).body());
        assertThat(individual.getSubject().getReference()).isEqualTo("Patient/FHIR-B");
        assertThat(count(individual, "denominator")).isEqualTo(1);
        assertThat(count(individual, "numerator")).isZero();
        assertThat(get("/fhir/MeasureReport/" + id + "-NOBODY", reports).statusCode())
                .isEqualTo(404);

        var search = fhir.newJsonParser()
                .parseResource(
                        Bundle.class,
                        get("/fhir/MeasureReport?measure=CMS130", reports).body());
        assertThat(search.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(String.valueOf(id));

        var errors = new ArrayList<String>();
        validate("summary", summary, errors);
        validate("subject-list", list, errors);
        validate("individual", individual, errors);
        assertThat(errors).isEmpty();
    }

    @Autowired
    org.commonweal.quality.results.RateTables rates;

    @Test
    void theSummaryIsStratifiedWithTheCellsTheCsvShowsAndMasksTheSmallOnes() throws Exception {
        run = newRun(35);
        // 30 women (20 met) and 5 men (2 met): the men's counts are small, masked as the CSV masks them
        jdbc.sql("""
                insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                  denominator_exclusion, denominator_exception, numerator, sex)
                select ?, 'STRAT-' || i, true, true, false, false, i <= 20 or i in (31, 32),
                  case when i <= 30 then 'F' else 'M' end from generate_series(1, 35) i""").param(run).update();
        String reports = ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ);
        var answer = get("/fhir/MeasureReport/" + run, reports);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var summary = fhir.newJsonParser().parseResource(MeasureReport.class, answer.body());
        assertThat(count(summary, "denominator")).isEqualTo(35);
        var stratifiers = summary.getGroupFirstRep().getStratifier();
        assertThat(stratifiers)
                .extracting(s -> s.getCodeFirstRep().getText())
                .containsExactly("product_line", "race_ethnicity", "language", "age_band", "sex", "spa", "rcac_region");

        var sex = stratifiers.stream()
                .filter(s -> s.getCodeFirstRep().getText().equals("sex"))
                .findFirst()
                .orElseThrow();
        var csv = rates.table(run, "sex").orElseThrow().rows();
        assertThat(sex.getStratum()).extracting(s -> s.getValue().getText()).containsExactly("F", "M");
        for (var stratum : sex.getStratum()) {
            var row = csv.stream()
                    .filter(r -> r.group().equals(stratum.getValue().getText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(shown(stratum, "denominator")).as("eligible, as the CSV").isEqualTo(row.eligible());
            assertThat(shown(stratum, "numerator")).as("met, as the CSV").isEqualTo(row.met());
            assertThat(stratum.hasMeasureScore()).isEqualTo(row.rate() != null);
        }
        var men = sex.getStratum().get(1);
        assertThat(shown(men, "denominator")).isEqualTo("*");
        assertThat(shown(men, "numerator")).isEqualTo("*");
        assertThat(men.hasMeasureScore()).as("no score from masked counts").isFalse();
        assertThat(answer.body()).doesNotContain("\"count\":5").contains("\"valueCode\":\"masked\"");

        // members without a value fall in "unknown": all 35, large enough to be shown with their score
        var race = stratifiers.get(1).getStratumFirstRep();
        assertThat(race.getValue().getText()).isEqualTo("unknown");
        assertThat(shown(race, "denominator")).isEqualTo("35");
        assertThat(shown(race, "numerator")).isEqualTo("22");
        assertThat(race.getMeasureScore().getValue().doubleValue()).isCloseTo(22.0 / 35, within(1e-9));

        // $evaluate-measure answers the same stratified summary; a search lists summaries without strata
        String both = ApiTokens.bearer(clients, port, ApiScope.MEASURE_READ, ApiScope.MEASURE_REPORT_READ);
        var evaluated = fhir.newJsonParser()
                .parseResource(
                        MeasureReport.class,
                        get("/fhir/Measure/CMS130/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-12-31", both)
                                .body());
        assertThat(evaluated.getGroupFirstRep().getStratifier()).hasSize(7);

        var errors = new ArrayList<String>();
        validate("stratified summary", summary, errors);
        assertThat(errors).isEmpty();
    }

    /** A stratum population's count as shown: the number, or the mask for a count with data-absent-reason masked. */
    private static String shown(MeasureReport.StratifierGroupComponent stratum, String population) {
        var p = stratum.getPopulation().stream()
                .filter(x -> x.getCode().getCodingFirstRep().getCode().equals(population))
                .findFirst()
                .orElseThrow();
        if (p.getCountElement().hasValue()) return String.valueOf(p.getCount());
        assertThat(p.getCountElement().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/data-absent-reason"))
                .isNotNull()
                .satisfies(e -> assertThat(e.getValue().primitiveValue()).isEqualTo("masked"));
        return "*";
    }

    @Test
    void aCoveredMemberOutsideEveryPopulationHasAnAllZeroReportAndAnUncoveredOrUnknownOneNone() throws Exception {
        long id = fixture();
        String reports = ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ);
        var end = LocalDate.of(2026, 12, 31);
        // a member covered on the run's last day, with no row in it (runs keep the rows of members in a population)
        var covered = jdbc.sql("""
                select member_id from coverage.enrollment_span where status = 'active' and begin_date <= ?
                  and (end_date is null or end_date >= ?) order by member_id limit 1""").params(end, end).query(String.class).single();
        assertThat(coverage.eligibility(covered, end, "test").orElseThrow().active())
                .isTrue();

        var answer = get("/fhir/MeasureReport/" + id + "-" + covered, reports);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var individual = fhir.newJsonParser().parseResource(MeasureReport.class, answer.body());
        assertThat(individual.getType()).isEqualTo(MeasureReport.MeasureReportType.INDIVIDUAL);
        assertThat(individual.getSubject().getReference()).isEqualTo("Patient/" + covered);
        assertThat(individual.getGroupFirstRep().getPopulation()).hasSize(5);
        for (var population : List.of(
                "initial-population", "denominator", "denominator-exclusion", "denominator-exception", "numerator"))
            assertThat(count(individual, population)).as(population).isZero();
        var errors = new ArrayList<String>();
        validate("individual, all zero", individual, errors);
        assertThat(errors).isEmpty();

        // an unknown member, and a known one the run's period did not cover (a run of 1990): not found
        assertThat(get("/fhir/MeasureReport/" + id + "-NOBODY", reports).statusCode())
                .isEqualTo(404);
        var old = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  finished_at, members, started_by) values ('CMS130', 'https://madie.cms.gov/Measure/Test',
                  date '1990-01-01', date '1990-12-31', 'ecqm', now(), 0, 'test') returning id""").query(Long.class).single();
        try {
            assertThat(coverage.eligibility(covered, LocalDate.of(1990, 12, 31), "test")
                            .filter(org.commonweal.coverage.Eligibility::active))
                    .isEmpty();
            assertThat(get("/fhir/MeasureReport/" + old + "-" + covered, reports)
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            jdbc.sql("delete from quality.measure_run where id = ?").param(old).update();
        }
    }

    @Test
    void theMeasureIsTheStewardsOwnUnderThePlansId() throws Exception {
        org.commonweal.quality.measure.PublishedMeasureContent.folder(); // skipped without ../shared/quality
        String measures = ApiTokens.bearer(clients, port, ApiScope.MEASURE_READ);
        var answer = get("/fhir/Measure/CMS130", measures);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var measure = fhir.newJsonParser().parseResource(Measure.class, answer.body());
        assertThat(measure.getIdElement().getIdPart()).isEqualTo("CMS130");
        assertThat(measure.getUrl()).isEqualTo("https://madie.cms.gov/Measure/CMS130FHIRColorectalCancerScreening");
        assertThat(get("/fhir/Measure/CMS999", measures).statusCode()).isEqualTo(404);
        assertThat(get("/fhir/Measure/CMS130", ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ))
                        .statusCode())
                .isEqualTo(403);
    }

    /** The DetectedIssues of a $care-gaps answer as "Patient/x gap-status". */
    private List<String> gaps(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var parameters = fhir.newJsonParser().parseResource(Parameters.class, answer.body());
        var bundle = (Bundle) parameters.getParameter("return").getResource();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Composition.class);
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof DetectedIssue)
                .map(r -> (DetectedIssue) r)
                .map(i -> i.getPatient().getReference() + " "
                        + ((CodeableConcept) i.getModifierExtension().get(0).getValue())
                                .getCodingFirstRep()
                                .getCode())
                .toList();
    }

    @Test
    void careGapsAndEvaluateMeasureAnswerFromTheStoredRunWithTheReadScopes() throws Exception {
        long id = fixture();
        String both = ApiTokens.bearer(clients, port, ApiScope.MEASURE_READ, ApiScope.MEASURE_REPORT_READ);
        String period = "periodStart=2026-01-01&periodEnd=2026-12-31";

        // B is eligible and not in the numerator: an open gap; A met: closed; C excluded: no gap either way
        var openB = get(
                "/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-B&status=open-gap" + "&measureId=CMS130",
                both);
        assertThat(gaps(openB)).containsExactly("Patient/FHIR-B open-gap");
        var bundle = (Bundle) fhir.newJsonParser()
                .parseResource(Parameters.class, openB.body())
                .getParameter("return")
                .getResource();
        var composition = (Composition) bundle.getEntryFirstRep().getResource();
        assertThat(composition.getSubject().getReference()).isEqualTo("Patient/FHIR-B");
        assertThat(composition.getSectionFirstRep().getFocus().getReference())
                .isEqualTo("MeasureReport/" + id + "-FHIR-B");
        assertThat(gaps(get(
                        "/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-A&status=open-gap"
                                + "&status=closed-gap&measureId=CMS130",
                        both)))
                .containsExactly("Patient/FHIR-A closed-gap");
        assertThat(gaps(get(
                        "/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-A&status=open-gap"
                                + "&measureId=CMS130",
                        both)))
                .isEmpty();
        assertThat(gaps(get("/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-C&measureId=CMS130", both)))
                .isEmpty();
        assertThat(get("/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-B&status=maybe", both)
                        .statusCode())
                .isEqualTo(400);

        var summary = fhir.newJsonParser()
                .parseResource(
                        MeasureReport.class,
                        get("/fhir/Measure/CMS130/$evaluate-measure?" + period, both)
                                .body());
        assertThat(summary.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(count(summary, "initial-population")).isEqualTo(4);
        assertThat(count(summary, "numerator")).isEqualTo(1);
        var individual = fhir.newJsonParser()
                .parseResource(
                        MeasureReport.class,
                        get("/fhir/Measure/CMS130/$evaluate-measure?" + period + "&subject=Patient/FHIR-B", both)
                                .body());
        assertThat(individual.getSubject().getReference()).isEqualTo("Patient/FHIR-B");
        assertThat(get("/fhir/Measure/CMS130/$evaluate-measure?periodStart=2025-01-01&periodEnd=2025-12-31", both)
                        .statusCode())
                .as("no stored run for that period")
                .isEqualTo(404);

        // an operation is a read: system/Measure.rs with system/MeasureReport.rs (member data) and nothing more;
        // either alone is refused (before, any operation needed the delete permission and both were refused)
        assertThat(get(
                                "/fhir/Measure/CMS130/$evaluate-measure?" + period,
                                ApiTokens.bearer(clients, port, ApiScope.MEASURE_READ))
                        .statusCode())
                .isEqualTo(403);
        var refused = get(
                "/fhir/Measure/$care-gaps?" + period + "&subject=Patient/FHIR-B",
                ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("system/Measure.rs");

        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("http://localhost:"));
        var errors = new ArrayList<String>();
        validate("care-gaps bundle", bundle, errors);
        // DEQM's DetectedIssue.code is v3-ActCode CAREGAP, added to THO after the v3-ActCode that base R4 bundles:
        // the base validator does not know it (the only message left out)
        assertThat(errors)
                .filteredOn(e -> !e.contains("Unknown code 'http://terminology.hl7.org/CodeSystem/v3-ActCode#CAREGAP'"))
                .isEmpty();
    }

    private void validate(String name, Resource resource, List<String> errors) {
        var unknownSystems = new UnknownCodeSystemWarningValidationSupport(fhir);
        unknownSystems.setNonExistentCodeSystemSeverity(
                UnknownCodeSystemWarningValidationSupport.IssueSeverity.WARNING);
        var chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir),
                unknownSystems);
        var validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .forEach(m -> errors.add(name + " " + m.getLocationString() + ": " + m.getMessage()));
    }
}
