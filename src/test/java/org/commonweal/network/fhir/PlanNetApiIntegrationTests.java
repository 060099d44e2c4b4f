package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.commonweal.IntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.InsurancePlan;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.OrganizationAffiliation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public Plan-Net API over real HTTP: every SHALL search parameter, include, revinclude and chain. */
@IntegrationTest
class PlanNetApiIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhir;

    @Autowired
    JdbcClient jdbc;

    @Test
    void capabilityStatementInstantiatesPlanNetAndListsTheSearches() throws Exception {
        var cs = (CapabilityStatement)
                fhir.newJsonParser().parseResource(get("metadata").body());
        assertThat(cs.getInstantiates())
                .extracting(i -> i.getValue())
                .contains("http://hl7.org/fhir/us/davinci-pdex-plan-net/CapabilityStatement/plan-net");
        var role = cs.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("PractitionerRole"))
                .findFirst()
                .orElseThrow();
        assertThat(role.getSearchParam())
                .extracting(p -> p.getName())
                .contains(
                        "practitioner",
                        "organization",
                        "location",
                        "service",
                        "network",
                        "endpoint",
                        "role",
                        "specialty",
                        "_id",
                        "_lastUpdated");
        assertThat(role.getSearchInclude())
                .extracting(i -> i.getValue())
                .contains("PractitionerRole:practitioner", "PractitionerRole:network");
        assertThat(role.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactly("read", "search-type");
        var org = cs.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Organization"))
                .findFirst()
                .orElseThrow();
        assertThat(org.getSearchRevInclude())
                .extracting(i -> i.getValue())
                .contains("PractitionerRole:network", "InsurancePlan:owned-by");
    }

    @Test
    void readsEveryResourceTypeAndAnswers404ForUnknownIds() throws Exception {
        for (String path : List.of(
                "Practitioner/pr-0",
                "PractitionerRole/role-0-0",
                "Location/hosp-0-0",
                "Organization/hosp-0",
                "Organization/net-medi-cal",
                "OrganizationAffiliation/aff-hosp-0",
                "HealthcareService/hs-er-hosp-0",
                "InsurancePlan/plan-medi-cal",
                "Endpoint/ep-hosp-0")) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            Resource r = (Resource) fhir.newJsonParser().parseResource(response.body());
            assertThat(r.getIdElement().getIdPart()).isEqualTo(path.substring(path.indexOf('/') + 1));
            assertThat(r.getMeta().getLastUpdated()).isNotNull();
            assertThat(r.getMeta().getProfile().getFirst().getValue()).contains("plannet-");
        }
        assertThat(get("Practitioner/no-such-doctor").statusCode()).isEqualTo(404);
    }

    @Test
    void practitionerRoleSearchesByEverySearchParameter() throws Exception {
        PractitionerRole sample = (PractitionerRole) fhir.newJsonParser()
                .parseResource(get("PractitionerRole/role-0-0").body());
        String specialty = sample.getSpecialtyFirstRep().getCodingFirstRep().getCode();
        allMatch(
                "PractitionerRole?practitioner=Practitioner/pr-0",
                PractitionerRole.class,
                r -> r.getPractitioner().getReference().equals("Practitioner/pr-0"));
        allMatch(
                "PractitionerRole?organization=Organization/mg-0",
                PractitionerRole.class,
                r -> r.getOrganization().getReference().equals("Organization/mg-0"));
        String location = sample.getLocationFirstRep().getReference();
        allMatch(
                "PractitionerRole?location=" + location,
                PractitionerRole.class,
                r -> r.getLocationFirstRep().getReference().equals(location));
        allMatch(
                "PractitionerRole?service=HealthcareService/hs-er-hosp-0",
                PractitionerRole.class,
                r -> refs(r.getHealthcareService()).contains("HealthcareService/hs-er-hosp-0"));
        allMatch(
                "PractitionerRole?network=Organization/net-medicare",
                PractitionerRole.class,
                r -> r.getExtensionsByUrl(PlanNetMapper.SD + "network-reference").stream()
                        .anyMatch(e -> ((Reference) e.getValue()).getReference().equals("Organization/net-medicare")));
        allMatch(
                "PractitionerRole?endpoint=Endpoint/ep-mg-0",
                PractitionerRole.class,
                r -> refs(r.getEndpoint()).contains("Endpoint/ep-mg-0"));
        allMatch(
                "PractitionerRole?role=http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/ProviderRoleCS|crnp",
                PractitionerRole.class,
                r -> r.getCodeFirstRep().getCodingFirstRep().getCode().equals("crnp"));
        allMatch(
                "PractitionerRole?specialty=http://nucc.org/provider-taxonomy|" + specialty,
                PractitionerRole.class,
                r -> r.getSpecialtyFirstRep().getCodingFirstRep().getCode().equals(specialty));
        allMatch(
                "PractitionerRole?_id=role-0-0",
                PractitionerRole.class,
                r -> r.getIdPart().equals("role-0-0"));
        allMatch(
                "PractitionerRole?date=ge2000-01-01&specialty=207Q00000X",
                PractitionerRole.class,
                r -> !r.getPeriod().hasEnd() || r.getPeriod().getEnd().getTime() > 0);
    }

    @Test
    void practitionerRoleIncludesAllSixReferences() throws Exception {
        Bundle b = search("PractitionerRole?_id=role-0-0,role-1-0,role-2-0&_include=PractitionerRole:practitioner"
                + "&_include=PractitionerRole:organization&_include=PractitionerRole:location"
                + "&_include=PractitionerRole:network&_include=PractitionerRole:service"
                + "&_include=PractitionerRole:endpoint");
        assertThat(matches(b)).hasSize(3);
        Set<String> includedTypes = new HashSet<>();
        b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .forEach(e -> includedTypes.add(e.getResource().fhirType()));
        assertThat(includedTypes).contains("Practitioner", "Organization", "Location");
        Bundle withService = search("PractitionerRole?service=HealthcareService/hs-er-hosp-0&_count=1"
                + "&_include=PractitionerRole:service&_include=PractitionerRole:endpoint");
        assertThat(included(withService)).extracting(Resource::fhirType).contains("HealthcareService", "Endpoint");
    }

    @Test
    void forwardChainsReachThroughReferences() throws Exception {
        Location loc = (Location)
                fhir.newJsonParser().parseResource(get("Location/mg-0-0").body());
        String city = loc.getAddress().getCity();
        String zip = loc.getAddress().getPostalCode();
        Set<String> locationsInCity = idSet(search("Location?address-city=" + enc(city) + "&_count=500"));
        allMatch(
                "PractitionerRole?location.address-city=" + enc(city),
                PractitionerRole.class,
                r -> locationsInCity.contains(
                        r.getLocationFirstRep().getReferenceElement().getIdPart()));
        Set<String> locationsInZip = idSet(search("Location?address-postalcode=" + zip + "&_count=500"));
        allMatch(
                "PractitionerRole?location.address-postalcode=" + zip,
                PractitionerRole.class,
                r -> locationsInZip.contains(
                        r.getLocationFirstRep().getReferenceElement().getIdPart()));
        allMatch(
                "PractitionerRole?network.name=Medicare",
                PractitionerRole.class,
                r -> r.getExtensionsByUrl(PlanNetMapper.SD + "network-reference").stream()
                        .anyMatch(e -> ((Reference) e.getValue()).getReference().equals("Organization/net-medicare")));
        allMatch(
                "PractitionerRole?organization.type=prvgrp",
                PractitionerRole.class,
                r -> r.getOrganization().getReference().startsWith("Organization/mg-"));
        Practitioner p = (Practitioner)
                fhir.newJsonParser().parseResource(get("Practitioner/pr-0").body());
        allMatch(
                "PractitionerRole?practitioner.name=" + enc(p.getNameFirstRep().getFamily()),
                PractitionerRole.class,
                r -> r.getPractitioner().getReference().startsWith("Practitioner/"));
        allMatch(
                "PractitionerRole?service.service-category=emerg",
                PractitionerRole.class,
                r -> refs(r.getHealthcareService()).stream().anyMatch(s -> s.startsWith("HealthcareService/hs-er-")));
    }

    @Test
    void reverseChainsSelectByWhatPointsAtThem() throws Exception {
        Bundle b = search("Practitioner?_has:PractitionerRole:practitioner:specialty=207RC0000X"
                + "&_revinclude=PractitionerRole:practitioner&_count=5");
        assertThat(matches(b)).isNotEmpty();
        for (Resource p : matches(b)) {
            assertThat(included(b))
                    .filteredOn(r -> r instanceof PractitionerRole pr
                            && pr.getPractitioner()
                                    .getReferenceElement()
                                    .getIdPart()
                                    .equals(p.getIdPart())
                            && pr.getSpecialtyFirstRep()
                                    .getCodingFirstRep()
                                    .getCode()
                                    .equals("207RC0000X"))
                    .isNotEmpty();
        }
        allMatch(
                "Organization?_has:OrganizationAffiliation:participating-organization:network=net-covered-ca",
                Organization.class,
                o -> o.getIdPart().startsWith("hosp-") || o.getIdPart().startsWith("rx-"));
    }

    @Test
    void practitionerSearchesByNameFamilyAndGiven() throws Exception {
        Practitioner p = (Practitioner)
                fhir.newJsonParser().parseResource(get("Practitioner/pr-0").body());
        String family = p.getNameFirstRep().getFamily();
        String given = p.getNameFirstRep().getGivenAsSingleString();
        allMatch(
                "Practitioner?family=" + enc(family),
                Practitioner.class,
                r -> r.getNameFirstRep().getFamily().toLowerCase().startsWith(family.toLowerCase()));
        allMatch(
                "Practitioner?given=" + enc(given),
                Practitioner.class,
                r -> r.getNameFirstRep().getGivenAsSingleString().toLowerCase().startsWith(given.toLowerCase()));
        assertThat(ids(search("Practitioner?name=" + enc(family) + "&_count=500")))
                .contains("pr-0");
        assertThat(ids(search("Practitioner?name:exact=" + enc(family) + "&_count=500")))
                .contains("pr-0");
    }

    @Test
    void locationSearchesAndIncludesAndRevincludes() throws Exception {
        allMatch(
                "Location?partof=Location/hosp-0-0",
                Location.class,
                l -> l.getPartOf().getReference().equals("Location/hosp-0-0"));
        allMatch(
                "Location?organization=Organization/mg-0",
                Location.class,
                l -> l.getManagingOrganization().getReference().equals("Organization/mg-0"));
        allMatch(
                "Location?endpoint=Endpoint/ep-hosp-0",
                Location.class,
                l -> refs(l.getEndpoint()).contains("Endpoint/ep-hosp-0"));
        allMatch(
                "Location?address-state=CA&_count=5",
                Location.class,
                l -> l.getAddress().getState().equals("CA"));
        allMatch(
                "Location?address=Los",
                Location.class,
                l -> l.getAddress().getCity().startsWith("Los")
                        || l.getAddress().getLine().stream()
                                .anyMatch(x -> x.getValue().startsWith("Los")));
        allMatch(
                "Location?type=PHARM",
                Location.class,
                l -> l.getTypeFirstRep().getCodingFirstRep().getCode().equals("PHARM"));
        Bundle b = search("Location?_id=hosp-0-0,la-county&_include=Location:organization&_include=Location:endpoint"
                + "&_revinclude=PractitionerRole:location&_revinclude=HealthcareService:location"
                + "&_revinclude=OrganizationAffiliation:location&_revinclude=InsurancePlan:coverage-area");
        assertThat(included(b))
                .extracting(Resource::fhirType)
                .contains("Organization", "Endpoint", "HealthcareService", "OrganizationAffiliation", "InsurancePlan");
        Bundle partOf = search("Location?_id=hosp-0-1,hosp-0-2&_include=Location:partof");
        if (!matches(partOf).isEmpty()) {
            assertThat(included(partOf)).extracting(Resource::getIdPart).contains("hosp-0-0");
        }
    }

    @Test
    void nearSearchIsSortedByDistanceAndBounded() throws Exception {
        Bundle b = search("Location?near=34.0522|-118.2437|10|mi&_count=50");
        List<Resource> found = matches(b);
        assertThat(found).isNotEmpty();
        double previous = 0;
        for (Resource r : found) {
            Location l = (Location) r;
            double miles = new org.commonweal.geography.GeoPoint(34.0522, -118.2437)
                    .milesTo(new org.commonweal.geography.GeoPoint(
                            l.getPosition().getLatitude().doubleValue(),
                            l.getPosition().getLongitude().doubleValue()));
            assertThat(miles).isLessThanOrEqualTo(10.05).isGreaterThanOrEqualTo(previous - 0.01);
            previous = miles;
        }
        assertThat(matches(search("PractitionerRole?location.near=34.0522|-118.2437|5|mi&_count=10")))
                .isNotEmpty();
    }

    @Test
    void organizationSearchesIncludesAndRevincludes() throws Exception {
        allMatch(
                "Organization?partof=Organization/lacare",
                Organization.class,
                o -> o.getTypeFirstRep().getCodingFirstRep().getCode().equals("ntwk"));
        allMatch(
                "Organization?endpoint=Endpoint/ep-hosp-0",
                Organization.class,
                o -> o.getIdPart().equals("hosp-0"));
        allMatch(
                "Organization?type=fac",
                Organization.class,
                o -> o.getTypeFirstRep().getCodingFirstRep().getCode().equals("fac"));
        allMatch(
                "Organization?name=L.A.%20Care",
                Organization.class, o -> o.getName().startsWith("L.A. Care"));
        allMatch("Organization?address=CA&_count=5", Organization.class, o -> true);
        allMatch(
                "Organization?coverage-area=Location/la-county",
                Organization.class,
                o -> o.getIdPart().equals("lacare") || o.getIdPart().startsWith("net-"));
        Bundle b = search("Organization?_id=lacare,hosp-0,net-medi-cal&_include=Organization:partof"
                + "&_include=Organization:endpoint&_include=Organization:coverage-area"
                + "&_revinclude=Endpoint:organization&_revinclude=HealthcareService:organization"
                + "&_revinclude=InsurancePlan:administered-by&_revinclude=InsurancePlan:owned-by"
                + "&_revinclude=OrganizationAffiliation:primary-organization"
                + "&_revinclude=OrganizationAffiliation:participating-organization"
                + "&_revinclude=PractitionerRole:organization&_revinclude=PractitionerRole:network");
        assertThat(included(b))
                .extracting(Resource::fhirType)
                .contains(
                        "Endpoint",
                        "HealthcareService",
                        "InsurancePlan",
                        "OrganizationAffiliation",
                        "PractitionerRole",
                        "Location");
    }

    @Test
    void cachedEntriesReadTheSameAsHapisEncodingInJsonAndXml() throws Exception {
        String query = "Organization?type=prvgrp&_revinclude=PractitionerRole:organization";
        get(query); // fills the entry cache: the next searches hand the writer cached entries
        Bundle fast = search(query);
        var xml = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + query))
                        .header("Accept", "application/fhir+xml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).contains("xml");
        Bundle fromXml = (Bundle) fhir.newXmlParser().parseResource(xml.body());
        Bundle pretty = search(query + "&_pretty=true");
        assertThat(fast.getEntry()).hasSizeGreaterThan(1);
        for (Bundle hapi : List.of(fromXml, pretty)) {
            assertThat(hapi.getEntry()).hasSameSizeAs(fast.getEntry());
            for (int i = 0; i < fast.getEntry().size(); i++) {
                Resource a = fast.getEntry().get(i).getResource();
                Resource b = hapi.getEntry().get(i).getResource();
                assertThat(b.getMeta().getProfile()).as(b.getId()).isNotEmpty();
                assertThat(fhir.newJsonParser().encodeResourceToString(b))
                        .isEqualTo(fhir.newJsonParser().encodeResourceToString(a));
            }
        }
    }

    @Test
    void affiliationServicePlanAndEndpointSearches() throws Exception {
        allMatch(
                "OrganizationAffiliation?primary-organization=lacare&_count=5",
                OrganizationAffiliation.class,
                a -> a.getOrganization().getReference().equals("Organization/lacare"));
        allMatch(
                "OrganizationAffiliation?participating-organization=hosp-0",
                OrganizationAffiliation.class,
                a -> a.getParticipatingOrganization().getReference().equals("Organization/hosp-0"));
        allMatch(
                "OrganizationAffiliation?location=hosp-0-0",
                OrganizationAffiliation.class,
                a -> refs(a.getLocation()).contains("Location/hosp-0-0"));
        allMatch(
                "OrganizationAffiliation?service=hs-er-hosp-0",
                OrganizationAffiliation.class,
                a -> refs(a.getHealthcareService()).contains("HealthcareService/hs-er-hosp-0"));
        allMatch(
                "OrganizationAffiliation?network=net-pasc-sein",
                OrganizationAffiliation.class,
                a -> refs(a.getNetwork()).contains("Organization/net-pasc-sein"));
        allMatch(
                "OrganizationAffiliation?endpoint=ep-hosp-0",
                OrganizationAffiliation.class,
                a -> refs(a.getEndpoint()).contains("Endpoint/ep-hosp-0"));
        allMatch(
                "OrganizationAffiliation?role=pharmacy",
                OrganizationAffiliation.class,
                a -> a.getCodeFirstRep().getCodingFirstRep().getCode().equals("pharmacy"));
        allMatch(
                "OrganizationAffiliation?specialty=282N00000X",
                OrganizationAffiliation.class,
                a -> a.getSpecialtyFirstRep().getCodingFirstRep().getCode().equals("282N00000X"));
        Bundle a = search("OrganizationAffiliation?_id=aff-hosp-0&_include=OrganizationAffiliation:primary-organization"
                + "&_include=OrganizationAffiliation:participating-organization&_include=OrganizationAffiliation:location"
                + "&_include=OrganizationAffiliation:service&_include=OrganizationAffiliation:network"
                + "&_include=OrganizationAffiliation:endpoint");
        assertThat(included(a))
                .extracting(Resource::fhirType)
                .contains("Organization", "Location", "HealthcareService", "Endpoint");

        allMatch(
                "HealthcareService?location=hosp-0-0",
                HealthcareService.class,
                s -> refs(s.getLocation()).contains("Location/hosp-0-0"));
        allMatch(
                "HealthcareService?coverage-area=la-county&_count=5",
                HealthcareService.class,
                s -> refs(s.getCoverageArea()).contains("Location/la-county"));
        allMatch(
                "HealthcareService?organization=hosp-0",
                HealthcareService.class,
                s -> s.getProvidedBy().getReference().equals("Organization/hosp-0"));
        allMatch(
                "HealthcareService?endpoint=ep-hosp-0",
                HealthcareService.class,
                s -> refs(s.getEndpoint()).contains("Endpoint/ep-hosp-0"));
        allMatch("HealthcareService?name=" + enc("L"), HealthcareService.class, s -> true, true);
        allMatch(
                "HealthcareService?service-category=pharm",
                HealthcareService.class,
                s -> s.getCategoryFirstRep().getCodingFirstRep().getCode().equals("pharm"));
        allMatch(
                "HealthcareService?service-type=124",
                HealthcareService.class,
                s -> s.getTypeFirstRep().getCodingFirstRep().getCode().equals("124"));
        allMatch(
                "HealthcareService?specialty=207P00000X",
                HealthcareService.class,
                s -> s.getSpecialtyFirstRep().getCodingFirstRep().getCode().equals("207P00000X"));
        Bundle s = search("HealthcareService?_id=hs-er-hosp-0&_include=HealthcareService:location"
                + "&_include=HealthcareService:coverage-area&_include=HealthcareService:organization"
                + "&_include=HealthcareService:endpoint&_revinclude=PractitionerRole:service"
                + "&_revinclude=OrganizationAffiliation:service");
        assertThat(included(s))
                .extracting(Resource::fhirType)
                .contains("Location", "Organization", "Endpoint", "PractitionerRole", "OrganizationAffiliation");

        for (String q : List.of(
                "administered-by=lacare",
                "owned-by=Organization/lacare",
                "coverage-area=la-county",
                "name=L.A.%20Care",
                "type=medi",
                "identifier=LAC-MEDI-CAL",
                "plan-type=silver")) {
            allMatch("InsurancePlan?" + q, InsurancePlan.class, p -> true);
        }
        Bundle p = search("InsurancePlan?_id=plan-medi-cal&_include=InsurancePlan:administered-by"
                + "&_include=InsurancePlan:owned-by&_include=InsurancePlan:coverage-area");
        assertThat(included(p)).extracting(Resource::getIdPart).containsExactlyInAnyOrder("lacare", "la-county");
        allMatch(
                "Endpoint?organization=hosp-0&_include=Endpoint:organization",
                org.hl7.fhir.r4.model.Endpoint.class,
                e -> e.getManagingOrganization().getReference().equals("Organization/hosp-0"));
    }

    @Test
    void lastUpdatedSupportsComparators() throws Exception {
        jdbc.sql("update network.endpoint set last_updated = '2020-03-01T10:00:00Z' where id = 'ep-lacare-plannet'")
                .update();
        assertThat(ids(search("Endpoint?_lastUpdated=2020-03-01"))).containsExactly("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=lt2020-03-02&_count=500"))).containsExactly("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=le2020-03-01T10:00:00Z"))).containsExactly("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=gt2020-03-01&_count=500")))
                .doesNotContain("ep-lacare-plannet")
                .isNotEmpty();
        assertThat(ids(search("Endpoint?_lastUpdated=ge2020-03-01&_count=500"))).contains("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=ne2020-03-01&_count=500"))).doesNotContain("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=sa2020-03-01&_count=500"))).doesNotContain("ep-lacare-plannet");
        assertThat(ids(search("Endpoint?_lastUpdated=eb2020-03-02&_count=500"))).containsExactly("ep-lacare-plannet");
    }

    @Test
    void pagesWithKeysetNextLinksWithoutGapsOrRepeatsAndTotalOnlyOnRequest() throws Exception {
        Bundle first = search("PractitionerRole?specialty=207Q00000X&_count=7");
        assertThat(first.hasTotal()).isFalse();
        List<String> seen = new ArrayList<>(ids(first));
        String next = first.getLink("next").getUrl();
        for (int page = 0; page < 4; page++) {
            Bundle b = (Bundle) fhir.newJsonParser().parseResource(fetch(next).body());
            seen.addAll(ids(b));
            next = b.getLink("next").getUrl();
        }
        assertThat(seen).hasSize(35).doesNotHaveDuplicates().isSorted();
        Bundle all = search("PractitionerRole?specialty=207Q00000X&_count=35");
        assertThat(ids(all)).containsExactlyElementsOf(seen);
        Bundle counted = search("PractitionerRole?specialty=207Q00000X&_total=accurate&_count=1");
        assertThat(counted.getTotal()).isGreaterThanOrEqualTo(35);
    }

    @Test
    void badRequestsGet400WithOperationOutcomeAndWritesGet405() throws Exception {
        for (String bad : List.of(
                "Practitioner?colour=blue",
                "Practitioner?_lastUpdated=yesterday",
                "Practitioner?name:sounds-like=smith",
                "PractitionerRole?_include=PractitionerRole:colour",
                "Location?near=north|south",
                "Practitioner?_count=lots",
                "Location?_revinclude=Practitioner:x")) {
            var response = get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            var outcome = (OperationOutcome) fhir.newJsonParser().parseResource(response.body());
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(bad).isNotBlank();
        }
        var post = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "Practitioner"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Practitioner\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        var delete = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "Practitioner/pr-0"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void revincludeBringsEveryReferringResourceOfEachMatchOnThePageAndPagesTheRest() throws Exception {
        for (String query : List.of(
                "Organization?type=prvgrp&_revinclude=PractitionerRole:organization",
                "Organization?type=ntwk&_revinclude=PractitionerRole:network&_count=4")) {
            Bundle b = search(query);
            List<Resource> matches = matches(b);
            assertThat(matches).as(query).isNotEmpty();
            long totalIncluded = included(b).size();
            boolean cut =
                    b.getEntry().stream().anyMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME);
            for (Resource match : matches) {
                String column = query.contains(":organization") ? "organization_id = ?" : "? = any(network_ids)";
                long expected = jdbc.sql("select count(*) from network.practitioner_role where " + column
                                + " and not suppressed")
                        .param(match.getIdPart())
                        .query(Long.class)
                        .single();
                long included = included(b).stream()
                        .filter(r -> r instanceof PractitionerRole pr
                                && (pr.getOrganization().getReference().equals("Organization/" + match.getIdPart())
                                        || pr.getExtensionsByUrl(PlanNetMapper.SD + "network-reference").stream()
                                                .anyMatch(e -> ((Reference) e.getValue())
                                                        .getReference()
                                                        .equals("Organization/" + match.getIdPart()))))
                        .count();
                if (cut) {
                    // a single match with more than the budget: cut at it, and said so
                    assertThat(matches).as(query).hasSize(1);
                    assertThat(included).as(query).isEqualTo(DirectorySearch.MAX_REVINCLUDES);
                    assertThat(expected).isGreaterThan(DirectorySearch.MAX_REVINCLUDES);
                } else {
                    assertThat(included).as(query + " " + match.getIdPart()).isEqualTo(expected);
                }
            }
            assertThat(totalIncluded).as(query).isLessThanOrEqualTo(DirectorySearch.MAX_REVINCLUDES);
        }
    }

    @Test
    void searchBundlesWrittenFromCachedJsonEqualHapisOwnEncoding() throws Exception {
        for (String query : List.of(
                "PractitionerRole?specialty=207Q00000X&_include=PractitionerRole:practitioner"
                        + "&_include=PractitionerRole:location&_count=7",
                "Organization?type=prvgrp&_count=3" + "&_revinclude=PractitionerRole:organization",
                "Location?_total=accurate&_count=2")) {
            // _pretty makes HAPI encode the Bundle itself; without it the cached-entry writer does
            Bundle ours = search(query);
            search(query); // second time from the cache
            Bundle cached = search(query);
            Bundle hapi = search(query + "&_pretty=false");
            var parser = fhir.newJsonParser();
            for (Bundle b : List.of(ours, cached)) {
                assertThat(b.getEntry()).hasSameSizeAs(hapi.getEntry());
                for (int i = 0; i < b.getEntry().size(); i++) {
                    assertThat(parser.encodeResourceToString(b.getEntry().get(i).getResource()))
                            .as(query)
                            .isEqualTo(parser.encodeResourceToString(
                                    hapi.getEntry().get(i).getResource()));
                    assertThat(b.getEntry().get(i).getSearch().getMode())
                            .isEqualTo(hapi.getEntry().get(i).getSearch().getMode());
                    assertThat(b.getEntry().get(i).getFullUrl())
                            .isEqualTo(hapi.getEntry().get(i).getFullUrl());
                }
                assertThat(b.hasTotal()).isEqualTo(hapi.hasTotal());
                assertThat(b.getTotal()).isEqualTo(hapi.getTotal());
                assertThat(b.getLink())
                        .extracting(l -> l.getRelation())
                        .isEqualTo(hapi.getLink().stream()
                                .map(l -> l.getRelation())
                                .toList());
            }
        }
        var response = get("Practitioner?name=a&_count=1");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
    }

    private <T extends Resource> void allMatch(String query, Class<T> type, Predicate<T> condition) throws Exception {
        allMatch(query, type, condition, false);
    }

    private <T extends Resource> void allMatch(String query, Class<T> type, Predicate<T> condition, boolean mayBeEmpty)
            throws Exception {
        Bundle b = search(query);
        List<Resource> found = matches(b);
        if (!mayBeEmpty) {
            assertThat(found).as(query).isNotEmpty();
        }
        for (Resource r : found) {
            assertThat(r).as(query).isInstanceOf(type);
            assertThat(condition.test(type.cast(r)))
                    .as(query + " → " + r.getIdPart())
                    .isTrue();
        }
    }

    private Bundle search(String query) throws Exception {
        var response = get(query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return (Bundle) fhir.newJsonParser().parseResource(response.body());
    }

    private static List<Resource> matches(Bundle b) {
        return b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
    }

    private static List<Resource> included(Bundle b) {
        return b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
    }

    private static Set<String> idSet(Bundle b) {
        return new HashSet<>(ids(b));
    }

    private static List<String> ids(Bundle b) {
        return matches(b).stream().map(Resource::getIdPart).toList();
    }

    private static List<String> refs(List<Reference> references) {
        return references.stream().map(Reference::getReference).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://localhost:" + port + "/fhir/";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return fetch(base() + path);
    }

    private static HttpResponse<String> fetch(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url.replace("|", "%7C")))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
