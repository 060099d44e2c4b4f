package org.commonweal.network.fhir;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.InsurancePlan;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.OrganizationAffiliation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The reverse of {@link PlanNetMapper}: a Plan-Net resource as a row of the read model, and its references. */
final class PlanNetRows {

    record Ref(String path, String target) {}

    private PlanNetRows() {}

    static Map<String, Object> toRow(Resource resource) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", resource.getIdPart());
        switch (resource) {
            case Practitioner p -> {
                String npi = p.getIdentifier().stream()
                        .filter(i -> PlanNetMapper.NPI.equals(i.getSystem()))
                        .map(i -> i.getValue())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("identifier: an NPI is required"));
                if (!p.hasName() || !p.getNameFirstRep().hasFamily()) {
                    throw new IllegalArgumentException("name.family is required");
                }
                row.put("npi", npi);
                row.put("family", p.getNameFirstRep().getFamily());
                row.put("given", p.getNameFirstRep().getGivenAsSingleString());
                row.put(
                        "suffix",
                        p.getNameFirstRep().hasSuffix() ? p.getNameFirstRep().getSuffixAsSingleString() : null);
                row.put("gender", p.hasGender() ? p.getGender().toCode() : null);
                row.put(
                        "languages",
                        p.getCommunication().stream()
                                .map(c -> c.getCodingFirstRep().getCode())
                                .toArray(String[]::new));
                row.put("active", !p.hasActive() || p.getActive());
            }
            case PractitionerRole r -> {
                row.put("practitioner_id", id(r.getPractitioner()));
                row.put("organization_id", id(r.getOrganization()));
                row.put("location_id", r.hasLocation() ? id(r.getLocationFirstRep()) : null);
                List<String> networks = r.getExtensionsByUrl(PlanNetMapper.SD + "network-reference").stream()
                        .map(e -> id(value(e, Reference.class, "network-reference")))
                        .toList();
                if (networks.size() > 1) {
                    throw new IllegalArgumentException("extension network-reference: at most one network per role");
                }
                row.put("network_ids", networks.toArray(String[]::new));
                row.put("service_ids", ids(r.getHealthcareService()));
                row.put("endpoint_ids", ids(r.getEndpoint()));
                row.put(
                        "role_code",
                        r.hasCode() ? r.getCodeFirstRep().getCodingFirstRep().getCode() : "ph");
                if (!r.hasSpecialty()) {
                    throw new IllegalArgumentException("specialty is required (a NUCC code)");
                }
                row.put(
                        "specialty",
                        r.getSpecialtyFirstRep().getCodingFirstRep().getCode());
                String accepting = r.getExtensionsByUrl(PlanNetMapper.SD + "newpatients").stream()
                        .flatMap(e -> e.getExtensionsByUrl("acceptingPatients").stream())
                        .map(e -> value(e, CodeableConcept.class, "newpatients.acceptingPatients")
                                .getCodingFirstRep()
                                .getCode())
                        .findFirst()
                        .orElse("newpt");
                row.put("accepting", accepting);
                row.put(
                        "period_start",
                        r.getPeriod().hasStart()
                                ? r.getPeriod()
                                        .getStart()
                                        .toInstant()
                                        .atZone(ZoneOffset.UTC)
                                        .toLocalDate()
                                : null);
                row.put(
                        "period_end",
                        r.getPeriod().hasEnd()
                                ? r.getPeriod()
                                        .getEnd()
                                        .toInstant()
                                        .atZone(ZoneOffset.UTC)
                                        .toLocalDate()
                                : null);
                row.put("active", !r.hasActive() || r.getActive());
            }
            case Location l -> {
                if (!l.hasName()) {
                    throw new IllegalArgumentException("name is required");
                }
                row.put("name", l.getName());
                row.put(
                        "type_code",
                        l.hasType() ? l.getTypeFirstRep().getCodingFirstRep().getCode() : null);
                row.put("organization_id", id(l.getManagingOrganization()));
                row.put("part_of", id(l.getPartOf()));
                row.put("endpoint_ids", ids(l.getEndpoint()));
                Address a = l.getAddress();
                row.put("line", a.hasLine() ? a.getLine().getFirst().getValue() : "");
                row.put("city", a.hasCity() ? a.getCity() : "");
                row.put("state", a.hasState() ? a.getState() : "CA");
                row.put("postal_code", a.hasPostalCode() ? a.getPostalCode() : "");
                if (l.hasPosition()
                        && (!l.getPosition().hasLatitude() || !l.getPosition().hasLongitude())) {
                    throw new IllegalArgumentException("position needs both latitude and longitude");
                }
                row.put(
                        "latitude",
                        l.hasPosition() ? l.getPosition().getLatitude().doubleValue() : null);
                row.put(
                        "longitude",
                        l.hasPosition() ? l.getPosition().getLongitude().doubleValue() : null);
                row.put("phone", phone(l.getTelecom()));
                row.put(
                        "accessibility",
                        l.getExtensionsByUrl(PlanNetMapper.SD + "accessibility").stream()
                                .map(e -> value(e, CodeableConcept.class, "accessibility")
                                        .getCodingFirstRep()
                                        .getCode())
                                .toArray(String[]::new));
                row.put("active", !l.hasStatus() || l.getStatus() == Location.LocationStatus.ACTIVE);
            }
            case Organization o -> {
                if (!o.hasName()) {
                    throw new IllegalArgumentException("name is required");
                }
                // the first coded type; a type given only as text (or a coding without a code) counts as none
                // (a fuzzing finding: a coding without a code reached the switch below as null)
                String type = o.getType().stream()
                        .flatMap(t -> t.getCoding().stream())
                        .map(c -> c.getCode())
                        .filter(c -> c != null && !c.isBlank())
                        .findFirst()
                        .orElse("bus");
                row.put(
                        "npi",
                        o.getIdentifier().stream()
                                .filter(i -> PlanNetMapper.NPI.equals(i.getSystem()))
                                .map(i -> i.getValue())
                                .findFirst()
                                .orElse(null));
                row.put("name", o.getName());
                row.put("type_code", type);
                row.put(
                        "kind",
                        switch (type) {
                            case "ntwk" -> "network";
                            case "payer" -> "payer";
                            case "prvgrp" -> "medical-group";
                            default -> "clinic";
                        });
                row.put("part_of", id(o.getPartOf()));
                row.put("endpoint_ids", ids(o.getEndpoint()));
                row.put(
                        "coverage_area_ids",
                        o.getExtensionsByUrl(PlanNetMapper.SD + "location-reference").stream()
                                .map(e -> id(value(e, Reference.class, "location-reference")))
                                .toArray(String[]::new));
                row.put("phone", phone(o.getTelecom()));
                Address a = o.getAddressFirstRep();
                row.put("line", a.hasLine() ? a.getLine().getFirst().getValue() : null);
                row.put("city", a.getCity());
                row.put("state", a.getState());
                row.put("postal_code", a.getPostalCode());
                row.put("active", !o.hasActive() || o.getActive());
            }
            case OrganizationAffiliation a -> {
                row.put("primary_organization_id", id(a.getOrganization()));
                row.put("participating_organization_id", id(a.getParticipatingOrganization()));
                row.put("location_ids", ids(a.getLocation()));
                row.put("service_ids", ids(a.getHealthcareService()));
                row.put("network_ids", ids(a.getNetwork()));
                row.put("endpoint_ids", ids(a.getEndpoint()));
                row.put(
                        "role_code",
                        a.hasCode() ? a.getCodeFirstRep().getCodingFirstRep().getCode() : "other");
                row.put(
                        "specialty_codes",
                        a.getSpecialty().stream()
                                .map(c -> c.getCodingFirstRep().getCode())
                                .toArray(String[]::new));
                row.put("active", !a.hasActive() || a.getActive());
            }
            case HealthcareService s -> {
                if (!s.hasCategory()) {
                    throw new IllegalArgumentException("category is required");
                }
                row.put("organization_id", id(s.getProvidedBy()));
                row.put(
                        "name",
                        s.hasName()
                                ? s.getName()
                                : s.getCategoryFirstRep().getCodingFirstRep().getCode());
                row.put(
                        "category_code",
                        s.getCategoryFirstRep().getCodingFirstRep().getCode());
                row.put(
                        "type_codes",
                        s.getType().stream()
                                .map(c -> c.getCodingFirstRep().getCode())
                                .toArray(String[]::new));
                row.put(
                        "specialty_codes",
                        s.getSpecialty().stream()
                                .map(c -> c.getCodingFirstRep().getCode())
                                .toArray(String[]::new));
                row.put("location_ids", ids(s.getLocation()));
                row.put(
                        "languages",
                        s.getCommunication().stream()
                                .map(c -> c.getCodingFirstRep().getCode())
                                .filter(java.util.Objects::nonNull)
                                .distinct()
                                .toArray(String[]::new));
                row.put("coverage_area_ids", ids(s.getCoverageArea()));
                row.put("endpoint_ids", ids(s.getEndpoint()));
                row.put("active", !s.hasActive() || s.getActive());
            }
            case InsurancePlan p -> {
                if (!p.hasType() || !p.hasName()) {
                    throw new IllegalArgumentException("type and name are required");
                }
                row.put(
                        "identifier",
                        p.hasIdentifier() ? p.getIdentifierFirstRep().getValue() : null);
                row.put("name", p.getName());
                row.put("type_code", p.getTypeFirstRep().getCodingFirstRep().getCode());
                row.put(
                        "plan_type_code",
                        p.hasPlan()
                                ? p.getPlanFirstRep()
                                        .getType()
                                        .getCodingFirstRep()
                                        .getCode()
                                : null);
                row.put("product_line", p.getTypeFirstRep().getCodingFirstRep().getCode());
                row.put("owned_by", id(p.getOwnedBy()));
                row.put("administered_by", id(p.getAdministeredBy()));
                row.put("coverage_area_ids", ids(p.getCoverageArea()));
                row.put("network_ids", ids(p.getNetwork()));
                row.put("endpoint_ids", ids(p.getEndpoint()));
            }
            case Endpoint e -> {
                if (!e.hasAddress() || !e.hasConnectionType()) {
                    throw new IllegalArgumentException("address and connectionType are required");
                }
                row.put("organization_id", id(e.getManagingOrganization()));
                row.put("name", e.getName());
                row.put("connection_type", e.getConnectionType().getCode());
                row.put(
                        "payload_type",
                        e.hasPayloadType()
                                ? e.getPayloadTypeFirstRep().getCodingFirstRep().getCode()
                                : "NA");
                row.put("address", e.getAddress());
                row.put("status", e.hasStatus() ? e.getStatus().toCode() : "active");
            }
            default -> throw new IllegalArgumentException("not a Plan-Net directory resource");
        }
        return row;
    }

    /** Every reference the read model keeps, as {@code Type/id}, with where it was found. */
    static List<Ref> references(Resource resource) {
        List<Ref> refs = new ArrayList<>();
        switch (resource) {
            case PractitionerRole r -> {
                add(refs, "practitioner", r.getPractitioner());
                add(refs, "organization", r.getOrganization());
                r.getLocation().forEach(x -> add(refs, "location", x));
                r.getHealthcareService().forEach(x -> add(refs, "healthcareService", x));
                r.getEndpoint().forEach(x -> add(refs, "endpoint", x));
                r.getExtensionsByUrl(PlanNetMapper.SD + "network-reference")
                        .forEach(e -> add(
                                refs, "extension(network-reference)", value(e, Reference.class, "network-reference")));
            }
            case Location l -> {
                add(refs, "managingOrganization", l.getManagingOrganization());
                add(refs, "partOf", l.getPartOf());
                l.getEndpoint().forEach(x -> add(refs, "endpoint", x));
            }
            case Organization o -> {
                add(refs, "partOf", o.getPartOf());
                o.getEndpoint().forEach(x -> add(refs, "endpoint", x));
            }
            case OrganizationAffiliation a -> {
                add(refs, "organization", a.getOrganization());
                add(refs, "participatingOrganization", a.getParticipatingOrganization());
                a.getLocation().forEach(x -> add(refs, "location", x));
                a.getHealthcareService().forEach(x -> add(refs, "healthcareService", x));
                a.getNetwork().forEach(x -> add(refs, "network", x));
                a.getEndpoint().forEach(x -> add(refs, "endpoint", x));
            }
            case HealthcareService s -> {
                add(refs, "providedBy", s.getProvidedBy());
                s.getLocation().forEach(x -> add(refs, "location", x));
                s.getCoverageArea().forEach(x -> add(refs, "coverageArea", x));
                s.getEndpoint().forEach(x -> add(refs, "endpoint", x));
            }
            case InsurancePlan p -> {
                add(refs, "ownedBy", p.getOwnedBy());
                add(refs, "administeredBy", p.getAdministeredBy());
                p.getCoverageArea().forEach(x -> add(refs, "coverageArea", x));
                p.getNetwork().forEach(x -> add(refs, "network", x));
                p.getEndpoint().forEach(x -> add(refs, "endpoint", x));
            }
            case Endpoint e -> add(refs, "managingOrganization", e.getManagingOrganization());
            default -> {}
        }
        return refs;
    }

    /**
     * An extension's value of the type Plan-Net gives it; another type (e.g. {@code valueString} where a
     * {@code valueReference} belongs), which the strict parser lets through, rejects the resource with the reason.
     */
    private static <T> T value(org.hl7.fhir.r4.model.Extension extension, Class<T> type, String name) {
        var value = extension.getValue();
        if (value == null) {
            throw new IllegalArgumentException("extension " + name + ": value" + type.getSimpleName() + " is required");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(
                    "extension " + name + ": value" + type.getSimpleName() + " expected, not " + value.fhirType());
        }
        return type.cast(value);
    }

    private static void add(List<Ref> refs, String path, Reference reference) {
        if (reference != null && reference.hasReference()) {
            var id = reference.getReferenceElement();
            refs.add(new Ref(path, id.getResourceType() + "/" + id.getIdPart()));
        }
    }

    private static String id(Reference reference) {
        return reference == null || !reference.hasReference()
                ? null
                : reference.getReferenceElement().getIdPart();
    }

    private static String[] ids(List<Reference> references) {
        return references.stream()
                .map(PlanNetRows::id)
                .filter(java.util.Objects::nonNull)
                .toArray(String[]::new);
    }

    private static String phone(List<ContactPoint> telecom) {
        return telecom.stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
    }
}
