package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A record as it stood at a month end, and the month ends of a period. */
class RecordAsOfTests {

    private static Resource parse(String json) {
        return (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(json);
    }

    @Test
    void eventsAfterTheDayAreLeftOutAndUndatedResourcesKept() {
        var patient = new Patient();
        var colonoscopy = new Procedure().setPerformed(new DateTimeType("2026-03-05"));
        // an observation taken late on 31 March in Los Angeles is a 31 March result, whatever UTC says
        var bloodPressure = parse("""
                {"resourceType":"Observation","status":"final","code":{"text":"bp"},
                 "effectiveDateTime":"2026-03-31T23:30:00-07:00"}""");
        var flu = new Immunization().setOccurrence(new DateTimeType("2026-04-01"));
        var stay = new Procedure()
                .setPerformed(new Period()
                        .setStartElement(new DateTimeType("2026-02-27"))
                        .setEndElement(new DateTimeType("2026-03-02")));
        var undated = new Observation();
        List<Resource> record = List.of(patient, colonoscopy, bloodPressure, flu, stay, undated);

        assertThat(RecordAsOf.asOf(record, LocalDate.of(2026, 2, 28))).containsExactly(patient, stay, undated);
        assertThat(RecordAsOf.asOf(record, LocalDate.of(2026, 3, 31)))
                .containsExactly(patient, colonoscopy, bloodPressure, stay, undated);
        assertThat(RecordAsOf.asOf(record, LocalDate.of(2026, 4, 30))).hasSize(6);
    }

    @Test
    void theMonthEndsOfAPeriodEndWithThePeriodsOwnEnd() {
        assertThat(MonthlyTrends.monthEnds(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .hasSize(12)
                .startsWith(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28))
                .endsWith(LocalDate.of(2026, 12, 31));
        assertThat(MonthlyTrends.monthEnds(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 15)))
                .containsExactly(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 15));
    }
}
