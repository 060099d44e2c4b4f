package org.commonweal.quality.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.quality.measure.MeasureCatalog;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The measure operations, answered from stored runs (a run is made by {@code compute-measures}; nothing is computed
 * on request): {@code Measure/[id]/$evaluate-measure} gives the summary, subject-list or one subject's individual
 * MeasureReport of the latest finished run of that measure for exactly that period; {@code Measure/$care-gaps} gives
 * the Da Vinci DEQM Gaps-in-Care shape for one subject and period: a Parameters whose {@code return} is a document
 * Bundle of a Composition (a section per measure), the subject's individual MeasureReports and one DetectedIssue per
 * gap with its status ({@code open-gap} / {@code closed-gap}). An open gap is being eligible and not in the numerator,
 * or in it for an inverse measure ({@link MeasureCatalog#INVERSE}). Reports of members are audited reads (through
 * {@link FhirMeasureReportProvider}).
 */
@Component
class MeasureOperations {

    static final String GAP_STATUS_EXTENSION =
            "http://hl7.org/fhir/us/davinci-deqm/StructureDefinition/extension-gapStatus";
    static final String GAP_STATUS_SYSTEM = "http://hl7.org/fhir/us/davinci-deqm/CodeSystem/gaps-status";
    static final List<String> STATUSES = List.of("open-gap", "closed-gap");

    private final JdbcClient jdbc;
    private final FhirMeasureReportProvider reports;
    private final PlanIdentity plan;

    MeasureOperations(JdbcClient jdbc, FhirMeasureReportProvider reports, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.plan = plan;
    }

    MeasureReport evaluate(String measureId, String periodStart, String periodEnd, String reportType, String subject) {
        if (!MeasureCatalog.SUPPORTED.contains(measureId)) throw new ResourceNotFoundException("Measure/" + measureId);
        var start = day("periodStart", periodStart);
        var end = day("periodEnd", periodEnd);
        var run = latestRun(measureId, start, end)
                .orElseThrow(() -> new ResourceNotFoundException("no finished run of " + measureId + " for " + start
                        + " to " + end + " (runs are made with compute-measures)"));
        String type =
                reportType == null || reportType.isBlank() ? (subject == null ? "population" : "subject") : reportType;
        return switch (type) {
            case "population" -> reports.stratified(run);
            case "subject-list" -> reports.subjectList(run);
            case "subject" -> {
                if (subject == null) throw new InvalidRequestException("reportType subject needs a subject");
                String member = patient(subject);
                yield reports.individual(run, member)
                        .orElseThrow(() -> new ResourceNotFoundException("Patient/" + member
                                + " is not a member covered on " + run.end() + ", the last day of run " + run.id()));
            }
            default ->
                throw new InvalidRequestException(
                        "reportType must be subject, subject-list or population, not '" + type + "'");
        };
    }

    /** {@code base}: the server's base URL, for the entries' absolute {@code fullUrl}s. */
    Parameters careGaps(
            String base,
            String periodStart,
            String periodEnd,
            String subject,
            List<String> statuses,
            List<String> measureIds) {
        var start = day("periodStart", periodStart);
        var end = day("periodEnd", periodEnd);
        if (subject == null) throw new InvalidRequestException("subject is required (Patient/<member id>)");
        String member = patient(subject);
        var wanted = statuses == null || statuses.isEmpty() ? STATUSES : statuses;
        for (var s : wanted) {
            if (!STATUSES.contains(s)) {
                throw new InvalidRequestException("status must be open-gap or closed-gap, not '" + s + "'");
            }
        }
        var measures = measureIds == null || measureIds.isEmpty() ? MeasureCatalog.SUPPORTED : measureIds;
        for (var m : measures) {
            if (!MeasureCatalog.SUPPORTED.contains(m)) {
                throw new InvalidRequestException("measureId '" + m + "' is not one of " + MeasureCatalog.SUPPORTED);
            }
        }

        var bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        bundle.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID());
        bundle.setTimestamp(new Date());
        var composition = new Composition()
                .setStatus(Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding("http://loinc.org", "96315-7", "Gaps in care report")))
                .setSubject(new Reference("Patient/" + member))
                .setDate(new Date())
                .setTitle("Care gaps of Patient/" + member + ", " + start + " to " + end);
        composition.setId(UUID.randomUUID().toString());
        composition.addAuthor().setDisplay(plan.name());
        add(bundle, base, composition);
        var patient = new Patient();
        patient.setId(member);
        add(bundle, base, patient);
        for (var measureId : measures) {
            var run = latestRun(measureId, start, end);
            if (run.isEmpty()) continue;
            var report = reports.individual(run.get(), member);
            if (report.isEmpty()) continue;
            var individual = report.get();
            if (count(individual, "denominator") == 0
                    || count(individual, "denominator-exclusion") == 1
                    || count(individual, "denominator-exception") == 1) {
                continue; // not eligible: no gap, open or closed
            }
            boolean open = (count(individual, "numerator") == 1) == MeasureCatalog.INVERSE.contains(measureId);
            String status = open ? "open-gap" : "closed-gap";
            if (!wanted.contains(status)) continue;
            add(bundle, base, individual);
            var issue = new DetectedIssue()
                    .setStatus(DetectedIssue.DetectedIssueStatus.FINAL)
                    .setCode(new CodeableConcept(
                            new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "CAREGAP", "Care Gaps")))
                    .setPatient(new Reference("Patient/" + member));
            issue.setId(individual.getIdPart() + "-gap");
            issue.addModifierExtension()
                    .setUrl(GAP_STATUS_EXTENSION)
                    .setValue(new CodeableConcept(new Coding(GAP_STATUS_SYSTEM, status, null)));
            issue.addEvidence().addDetail(new Reference("MeasureReport/" + individual.getIdPart()));
            add(bundle, base, issue);
            composition
                    .addSection()
                    .setTitle(measureId)
                    .setFocus(new Reference("MeasureReport/" + individual.getIdPart()))
                    .addEntry(new Reference("DetectedIssue/" + issue.getIdPart()));
        }
        var parameters = new Parameters();
        parameters.addParameter().setName("return").setResource(bundle);
        return parameters;
    }

    private Optional<FhirMeasureReportProvider.Run> latestRun(String measureId, LocalDate start, LocalDate end) {
        return jdbc.sql("""
                select id from quality.measure_run where measure_id = ? and period_start = ? and period_end = ?
                  and finished_at is not null order by id desc limit 1""")
                .params(measureId, start, end)
                .query(Long.class)
                .optional()
                .flatMap(reports::run);
    }

    private static void add(Bundle bundle, String base, Resource resource) {
        bundle.addEntry()
                .setFullUrl(base + "/" + resource.fhirType() + "/"
                        + resource.getIdElement().getIdPart())
                .setResource(resource);
    }

    private static int count(MeasureReport report, String population) {
        return report.getGroupFirstRep().getPopulation().stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
                .mapToInt(MeasureReport.MeasureReportGroupPopulationComponent::getCount)
                .findFirst()
                .orElse(0);
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) throw new InvalidRequestException(name + " is required (YYYY-MM-DD)");
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String patient(String subject) {
        var id = new IdType(subject);
        if (subject.contains("/") && !"Patient".equals(id.getResourceType()) || id.getIdPart() == null) {
            throw new InvalidRequestException("subject must be Patient/<member id>, not '" + subject + "'");
        }
        return id.getIdPart();
    }
}
