package org.commonweal.network.fhir;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.commonweal.network.Specialties;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InsurancePlan;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.OrganizationAffiliation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Maps rows of the read model to Plan-Net 1.1.0 resources. */
final class PlanNetMapper {

    static final String PLANNET = "http://hl7.org/fhir/us/davinci-pdex-plan-net/";
    static final String SD = PLANNET + "StructureDefinition/";
    static final String CS = PLANNET + "CodeSystem/";
    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String NUCC = "http://nucc.org/provider-taxonomy";

    private PlanNetMapper() {}

    /** An empty resource of the type, for a search entry whose JSON is already cached. */
    static Resource empty(String type) {
        return switch (type) {
            case "Practitioner" -> new Practitioner();
            case "PractitionerRole" -> new PractitionerRole();
            case "Location" -> new Location();
            case "Organization" -> new Organization();
            case "OrganizationAffiliation" -> new OrganizationAffiliation();
            case "HealthcareService" -> new HealthcareService();
            case "InsurancePlan" -> new InsurancePlan();
            case "Endpoint" -> new Endpoint();
            default -> throw new IllegalArgumentException(type);
        };
    }

    /**
     * The resource of a row: as received when the Plan-Net import wrote it last ({@link ResourcesAsReceived}), else
     * mapped from its columns (with what an import kept and the columns do not model).
     */
    static Resource map(String type, Map<String, Object> row) {
        String received = str(row, "resource_json");
        DomainResource resource;
        if (received != null && String.valueOf(row.get("source")).startsWith(PlanNetImport.SOURCE)) {
            resource = ResourcesAsReceived.read(received);
        } else {
            resource = mapColumns(type, row);
            resource.setLanguage("en-US");
            if (received != null) {
                ResourcesAsReceived.addUnmodelled(resource, ResourcesAsReceived.read(received));
            }
        }
        resource.setId(str(row, "id"));
        resource.getMeta().setVersionId(String.valueOf(row.get("version")));
        resource.getMeta().setLastUpdated(instant(row.get("last_updated")));
        String profile = SD
                + (type.equals("Organization") && "ntwk".equals(row.get("type_code"))
                        ? "plannet-Network"
                        : "plannet-" + type);
        if (!resource.getMeta().hasProfile(profile)) {
            resource.getMeta().addProfile(profile);
        }
        return resource;
    }

    private static DomainResource mapColumns(String type, Map<String, Object> row) {
        return switch (type) {
            case "Practitioner" -> practitioner(row);
            case "PractitionerRole" -> role(row);
            case "Location" -> location(row);
            case "Organization" -> organization(row);
            case "OrganizationAffiliation" -> affiliation(row);
            case "HealthcareService" -> service(row);
            case "InsurancePlan" -> plan(row);
            case "Endpoint" -> endpoint(row);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static Practitioner practitioner(Map<String, Object> row) {
        var p = new Practitioner();
        p.addIdentifier(new Identifier().setSystem(NPI).setValue(str(row, "npi")));
        p.setActive(bool(row, "active"));
        String suffix = str(row, "suffix");
        var name = p.addName().setFamily(str(row, "family")).addGiven(str(row, "given"));
        name.setText(str(row, "given") + " " + str(row, "family") + (suffix == null ? "" : ", " + suffix));
        if (suffix != null) {
            name.addSuffix(suffix);
        }
        String gender = str(row, "gender");
        if (gender != null) {
            p.setGender(AdministrativeGender.fromCode(gender));
        }
        for (String language : strings(row, "languages")) {
            p.addCommunication(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
        }
        if (row.get("license_number") != null) {
            var q = p.addQualification();
            q.addExtension(qualificationStatus(str(row, "license_state")));
            q.setCode(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/v2-0360", suffix == null ? "MD" : suffix, null))
                    .setText("California licence"));
            q.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.3.6").setValue(str(row, "license_number"));
            q.getIssuer().setDisplay("State of California");
        }
        if (row.get("board_code") != null) {
            var q = p.addQualification();
            q.addExtension(qualificationStatus("CA"));
            q.setCode(new CodeableConcept(new Coding(NUCC, str(row, "board_code"), str(row, "board_name")))
                    .setText("Board certified " + str(row, "board_name")));
        }
        return p;
    }

    private static Extension qualificationStatus(String state) {
        var ext = new Extension(SD + "practitioner-qualification");
        ext.addExtension("status", new CodeType("active"));
        ext.addExtension("whereValid", new CodeableConcept(new Coding("https://www.usps.com/", state, null)));
        return ext;
    }

    private static PractitionerRole role(Map<String, Object> row) {
        var r = new PractitionerRole();
        for (String network : strings(row, "network_ids")) {
            r.addExtension(SD + "network-reference", new Reference("Organization/" + network));
        }
        var accepting = new Extension(SD + "newpatients");
        accepting.addExtension(
                "acceptingPatients",
                new CodeableConcept(new Coding(CS + "AcceptingPatientsCS", str(row, "accepting"), null)));
        r.addExtension(accepting);
        r.setActive(bool(row, "active"));
        if (row.get("period_start") != null || row.get("period_end") != null) {
            var period = new Period();
            if (row.get("period_start") != null) {
                period.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(
                        row.get("period_start").toString()));
            }
            if (row.get("period_end") != null) {
                period.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(
                        row.get("period_end").toString()));
            }
            r.setPeriod(period);
        }
        ref(row, "practitioner_id", "Practitioner").ifPresent(r::setPractitioner);
        ref(row, "organization_id", "Organization").ifPresent(r::setOrganization);
        ref(row, "location_id", "Location").ifPresent(r::addLocation);
        r.addCode(new CodeableConcept(new Coding(CS + "ProviderRoleCS", str(row, "role_code"), null)));
        String specialty = str(row, "specialty");
        r.addSpecialty(new CodeableConcept(new Coding(
                NUCC,
                specialty,
                Specialties.catalog().byCode(specialty).map(s -> s.display()).orElse(null))));
        strings(row, "service_ids").forEach(id -> r.addHealthcareService(new Reference("HealthcareService/" + id)));
        strings(row, "endpoint_ids").forEach(id -> r.addEndpoint(new Reference("Endpoint/" + id)));
        return r;
    }

    private static Location location(Map<String, Object> row) {
        var l = new Location();
        for (String code : strings(row, "accessibility")) {
            l.addExtension(SD + "accessibility", new CodeableConcept(new Coding(CS + "AccessibilityCS", code, null)));
        }
        l.setStatus(bool(row, "active") ? Location.LocationStatus.ACTIVE : Location.LocationStatus.INACTIVE);
        l.setName(str(row, "name"));
        if (row.get("type_code") != null) {
            l.addType(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", str(row, "type_code"), null)));
        }
        if (row.get("phone") != null) {
            l.addTelecom(new ContactPoint()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(str(row, "phone")));
        }
        l.setAddress(address(row));
        if (row.get("latitude") != null) {
            l.getPosition().setLatitude((Double) row.get("latitude")).setLongitude((Double) row.get("longitude"));
        }
        ref(row, "organization_id", "Organization").ifPresent(l::setManagingOrganization);
        ref(row, "part_of", "Location").ifPresent(l::setPartOf);
        strings(row, "endpoint_ids").forEach(id -> l.addEndpoint(new Reference("Endpoint/" + id)));
        String hours = str(row, "hours");
        if (hours != null) {
            for (String block : hours.split(";")) {
                HoursOfOperation.parse(block).ifPresent(h -> {
                    var hop = l.addHoursOfOperation();
                    h.days().forEach(d -> hop.addDaysOfWeek(Location.DaysOfWeek.fromCode(d)));
                    if (h.allDay()) {
                        hop.setAllDay(true);
                    } else {
                        hop.setOpeningTime(h.opens() + ":00").setClosingTime(h.closes() + ":00");
                    }
                });
            }
        }
        return l;
    }

    private static Organization organization(Map<String, Object> row) {
        var o = new Organization();
        for (String area : strings(row, "coverage_area_ids")) {
            o.addExtension(SD + "location-reference", new Reference("Location/" + area));
        }
        if (row.get("npi") != null) {
            o.addIdentifier(new Identifier().setSystem(NPI).setValue(str(row, "npi")));
        }
        o.setActive(bool(row, "active"));
        o.addType(new CodeableConcept(new Coding(CS + "OrgTypeCS", str(row, "type_code"), null)));
        o.setName(str(row, "name"));
        if (row.get("alias") != null) {
            o.addAlias(str(row, "alias"));
        }
        if (row.get("phone") != null) {
            o.addTelecom(new ContactPoint()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(str(row, "phone")));
        }
        if (row.get("line") != null) {
            o.addAddress(address(row));
        }
        ref(row, "part_of", "Organization").ifPresent(o::setPartOf);
        strings(row, "endpoint_ids").forEach(id -> o.addEndpoint(new Reference("Endpoint/" + id)));
        return o;
    }

    private static OrganizationAffiliation affiliation(Map<String, Object> row) {
        var a = new OrganizationAffiliation();
        a.setActive(bool(row, "active"));
        ref(row, "primary_organization_id", "Organization").ifPresent(a::setOrganization);
        ref(row, "participating_organization_id", "Organization").ifPresent(a::setParticipatingOrganization);
        strings(row, "network_ids").forEach(id -> a.addNetwork(new Reference("Organization/" + id)));
        a.addCode(new CodeableConcept(new Coding(CS + "OrganizationAffiliationRoleCS", str(row, "role_code"), null)));
        strings(row, "specialty_codes")
                .forEach(code -> a.addSpecialty(new CodeableConcept(new Coding(
                        NUCC,
                        code,
                        Specialties.catalog().byCode(code).map(s -> s.display()).orElse(null)))));
        strings(row, "location_ids").forEach(id -> a.addLocation(new Reference("Location/" + id)));
        strings(row, "service_ids").forEach(id -> a.addHealthcareService(new Reference("HealthcareService/" + id)));
        strings(row, "endpoint_ids").forEach(id -> a.addEndpoint(new Reference("Endpoint/" + id)));
        return a;
    }

    private static HealthcareService service(Map<String, Object> row) {
        var s = new HealthcareService();
        var delivery = new Extension(SD + "delivery-method");
        delivery.addExtension("type", new CodeableConcept(new Coding(CS + "DeliveryMethodCS", "physical", null)));
        s.addExtension(delivery);
        s.setActive(bool(row, "active"));
        ref(row, "organization_id", "Organization").ifPresent(s::setProvidedBy);
        s.addCategory(
                new CodeableConcept(new Coding(CS + "HealthcareServiceCategoryCS", str(row, "category_code"), null)));
        strings(row, "type_codes")
                .forEach(code -> s.addType(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/service-type", code, null))));
        strings(row, "specialty_codes")
                .forEach(code -> s.addSpecialty(new CodeableConcept(new Coding(
                        NUCC,
                        code,
                        Specialties.catalog()
                                .byCode(code)
                                .map(sp -> sp.display())
                                .orElse(null)))));
        strings(row, "location_ids").forEach(id -> s.addLocation(new Reference("Location/" + id)));
        strings(row, "coverage_area_ids").forEach(id -> s.addCoverageArea(new Reference("Location/" + id)));
        strings(row, "endpoint_ids").forEach(id -> s.addEndpoint(new Reference("Endpoint/" + id)));
        strings(row, "languages")
                .forEach(language ->
                        s.addCommunication(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null))));
        s.setName(str(row, "name"));
        return s;
    }

    private static InsurancePlan plan(Map<String, Object> row) {
        var p = new InsurancePlan();
        if (row.get("identifier") != null) {
            p.addIdentifier().setValue(str(row, "identifier"));
        }
        p.setStatus(
                bool(row, "active")
                        ? org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE
                        : org.hl7.fhir.r4.model.Enumerations.PublicationStatus.RETIRED);
        p.addType(new CodeableConcept(new Coding(CS + "InsuranceProductTypeCS", str(row, "type_code"), null)));
        p.setName(str(row, "name"));
        ref(row, "owned_by", "Organization").ifPresent(p::setOwnedBy);
        ref(row, "administered_by", "Organization").ifPresent(p::setAdministeredBy);
        strings(row, "coverage_area_ids").forEach(id -> p.addCoverageArea(new Reference("Location/" + id)));
        strings(row, "endpoint_ids").forEach(id -> p.addEndpoint(new Reference("Endpoint/" + id)));
        strings(row, "network_ids").forEach(id -> p.addNetwork(new Reference("Organization/" + id)));
        if (row.get("plan_type_code") != null) {
            p.addPlan()
                    .setType(new CodeableConcept(
                            new Coding(CS + "InsurancePlanTypeCS", str(row, "plan_type_code"), null)));
        }
        return p;
    }

    private static Endpoint endpoint(Map<String, Object> row) {
        var e = new Endpoint();
        e.setStatus(Endpoint.EndpointStatus.fromCode(str(row, "status")));
        e.setConnectionType(new Coding(CS + "EndpointConnectionTypeCS", str(row, "connection_type"), null));
        e.setName(str(row, "name"));
        ref(row, "organization_id", "Organization").ifPresent(e::setManagingOrganization);
        e.addPayloadType(new CodeableConcept(new Coding(CS + "EndpointPayloadTypeCS", str(row, "payload_type"), null)));
        e.setAddress(str(row, "address"));
        return e;
    }

    private static Address address(Map<String, Object> row) {
        var a = new Address();
        if (row.get("line") != null) {
            a.addLine(str(row, "line"));
        }
        return a.setCity(str(row, "city")).setState(str(row, "state")).setPostalCode(str(row, "postal_code"));
    }

    private static java.util.Optional<Reference> ref(Map<String, Object> row, String column, String type) {
        Object id = row.get(column);
        return id == null ? java.util.Optional.empty() : java.util.Optional.of(new Reference(type + "/" + id));
    }

    static String str(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    private static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    static List<String> strings(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] a) {
            return List.of(a);
        }
        if (value instanceof Array a) {
            try {
                return List.of((String[]) a.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(column + " is not a text array");
    }

    private static Date instant(Object value) {
        if (value instanceof Timestamp t) {
            return new Date(t.getTime());
        }
        if (value instanceof OffsetDateTime o) {
            return Date.from(o.toInstant());
        }
        if (value instanceof java.time.Instant i) {
            return Date.from(i);
        }
        return null;
    }

    static BooleanType yes() {
        return new BooleanType(true);
    }
}
