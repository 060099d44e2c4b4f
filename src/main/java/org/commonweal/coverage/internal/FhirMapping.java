package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.ProductLine;
import org.commonweal.platform.PlanIdentity;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** Hand mapping of members and spans to FHIR R4 (the CMS Blue Button way: a read model, not a resource store). */
final class FhirMapping {

    static final String MEMBER_ID_SYSTEM = "https://commonweal.example.org/fhir/sid/member-id";
    static final String CIN_SYSTEM = "https://commonweal.example.org/fhir/sid/medi-cal-cin";
    static final String MBI_SYSTEM = "http://hl7.org/fhir/sid/us-mbi";
    static final String PRODUCT_LINE_SYSTEM = "https://commonweal.example.org/fhir/CodeSystem/product-line";
    static final String PLAN_SYSTEM = "https://commonweal.example.org/fhir/CodeSystem/plan";

    private FhirMapping() {}

    static Patient patient(MemberRecord m) {
        Patient p = new Patient();
        p.setId(m.memberId());
        p.addIdentifier()
                .setSystem(MEMBER_ID_SYSTEM)
                .setValue(m.memberId())
                .setType(new org.hl7.fhir.r4.model.CodeableConcept()
                        .addCoding(new org.hl7.fhir.r4.model.Coding(
                                "http://terminology.hl7.org/CodeSystem/v2-0203", "MB", "Member Number")));
        if (m.cin() != null) {
            p.addIdentifier().setSystem(CIN_SYSTEM).setValue(m.cin());
        }
        if (m.mbi() != null) {
            p.addIdentifier().setSystem(MBI_SYSTEM).setValue(m.mbi());
        }
        HumanName name = p.addName().setFamily(m.lastName()).addGiven(m.firstName());
        if (m.middleName() != null) {
            name.addGiven(m.middleName());
        }
        if (m.birthDate() != null) {
            p.setBirthDateElement(
                    new org.hl7.fhir.r4.model.DateType(m.birthDate().toString()));
        }
        p.setGender(
                "F".equals(m.sex())
                        ? Enumerations.AdministrativeGender.FEMALE
                        : "M".equals(m.sex())
                                ? Enumerations.AdministrativeGender.MALE
                                : Enumerations.AdministrativeGender.UNKNOWN);
        if (m.zip() != null) {
            p.addAddress()
                    .addLine(m.addressLine1())
                    .setCity(m.city())
                    .setState(m.state())
                    .setPostalCode(m.zip());
        }
        if (m.phone() != null) {
            p.addTelecom()
                    .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                    .setValue(m.phone());
        }
        if (m.writtenLanguage() != null) {
            p.addCommunication()
                    .setPreferred(true)
                    .getLanguage()
                    .addCoding()
                    .setSystem("urn:ietf:bcp:47")
                    .setCode(m.writtenLanguage());
        }
        return p;
    }

    /** The span as a Coverage whose payor is the plan ({@link PlanIdentity}); "today" is the plan's. */
    static Coverage coverage(EnrollmentSpan s, MemberRecord m, ProductLine line, PlanIdentity plan) {
        ZoneId zone = plan.timeZone();
        Coverage c = new Coverage();
        c.setId(String.valueOf(s.id()));
        c.addIdentifier(new Identifier().setSystem(MEMBER_ID_SYSTEM).setValue(m.memberId()));
        LocalDate today = LocalDate.now(zone);
        c.setStatus(
                s.end() != null && s.end().isBefore(today)
                        ? Coverage.CoverageStatus.CANCELLED
                        : Coverage.CoverageStatus.ACTIVE);
        c.setBeneficiary(new Reference("Patient/" + m.memberId()));
        c.setSubscriberId(m.memberId());
        c.setRelationship(new org.hl7.fhir.r4.model.CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(
                        "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self")));
        c.setPeriod(new Period().setStart(date(s.begin(), zone)).setEnd(s.end() == null ? null : date(s.end(), zone)));
        c.addPayor(payer(plan));
        c.setType(new org.hl7.fhir.r4.model.CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(
                        PRODUCT_LINE_SYSTEM, s.productLine(), line == null ? s.productLine() : line.name())));
        c.addClass_()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept()
                        .addCoding(new org.hl7.fhir.r4.model.Coding(
                                "http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan")))
                .setValue(s.planCode())
                .setName(line == null ? s.planCode() : line.name() + " " + s.planCode());
        return c;
    }

    /** The plan as payor or insurer: its name and its payer id. */
    static Reference payer(PlanIdentity plan) {
        return new Reference()
                .setDisplay(plan.name())
                .setIdentifier(
                        new Identifier().setSystem(PlanIdentity.PAYER_ID_SYSTEM).setValue(plan.payerId()));
    }

    static Date date(LocalDate d, ZoneId zone) {
        return Date.from(d.atStartOfDay(zone).toInstant());
    }

    static LocalDate localDate(Date d, ZoneId zone) {
        return d.toInstant().atZone(zone).toLocalDate();
    }
}
