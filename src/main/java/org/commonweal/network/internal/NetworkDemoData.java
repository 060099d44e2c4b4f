package org.commonweal.network.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoPerson;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;
import org.commonweal.network.Specialties;
import org.commonweal.network.Specialty;
import org.springframework.stereotype.Component;

/**
 * A Los Angeles provider network: hospitals, pharmacies, community health centers, urgent care, clinics and medical
 * groups with their offices, practitioners with real NUCC specialties, roles in the four product lines' networks.
 * Full scale is the plan's real size (about 60,000 practitioners, 120,000 roles, 15,000 locations, 3,000
 * organizations); everything is loaded with COPY.
 */
@Component
class NetworkDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "network.error_report",
            "network.verification_request",
            "network.verification_campaign",
            "network.entry_history",
            "network.import_run",
            "network.practitioner_role",
            "network.practitioner",
            "network.organization_affiliation",
            "network.healthcare_service",
            "network.insurance_plan",
            "network.endpoint",
            "network.location",
            "network.organization");

    static final String PAYER = "lacare";
    static final String COUNTY_AREA = "la-county";
    static final List<String[]> NETWORKS = List.of(
            new String[] {"net-medi-cal", "Medi-Cal Network", "medi-cal", "medi"},
            new String[] {"net-medicare", "Medicare Plus Network", "medicare", "mediadvhmo"},
            new String[] {"net-covered-ca", "Covered California Network", "covered-ca", "qhp"},
            new String[] {"net-pasc-sein", "PASC-SEIU Homecare Workers Network", "pasc-sein", "commhmo"});
    private static final String[] HOSPITAL_WORDS = {
        "Community",
        "Memorial",
        "Medical Center",
        "General",
        "Presbyterian",
        "Methodist",
        "Valley",
        "Harbor",
        "Mission",
        "St. Francis",
        "Good Samaritan",
        "Centinela"
    };
    private static final String[] PHARMACY_CHAINS = {
        "Rite Aid",
        "CVS Pharmacy",
        "Walgreens",
        "Ralphs Pharmacy",
        "Vons Pharmacy",
        "Costco Pharmacy",
        "Farmacia Familiar",
        "Neighborhood Pharmacy"
    };
    private static final String[] GROUP_WORDS = {
        "Medical Group",
        "Physicians IPA",
        "Health Partners",
        "Family Medical Group",
        "Primary Care Associates",
        "Independent Physicians"
    };
    private static final String[] LANGS_EXTRA = {
        "es", "es", "es", "ko", "cmn", "yue", "vi", "tl", "hy", "fa", "ru", "ar", "km"
    };

    @Override
    public String name() {
        return "network";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void reset(DemoContext context) {
        for (String table : TABLES) {
            context.jdbc().sql("truncate " + table + " cascade").update();
        }
    }

    @Override
    public long generate(DemoContext context) {
        Plan plan = new Plan(context);
        long rows = plan.organizations();
        rows += plan.locations();
        rows += plan.practitionersAndRoles();
        rows += plan.servicesPlansAffiliationsEndpoints();
        for (String table : List.of(
                "organization",
                "location",
                "practitioner",
                "practitioner_role",
                "healthcare_service",
                "organization_affiliation",
                "insurance_plan",
                "endpoint")) {
            context.jdbc().sql("analyze network." + table).update();
        }
        return rows;
    }

    record Org(String id, String kind, String name, String taxonomy, ZipArea zip, GeoPoint point, String street) {}

    record Loc(String id, String orgId, String kind, ZipArea zip, GeoPoint point) {}

    /** One generation run: the organizations and locations drawn so far, shared by the later steps. */
    private static final class Plan {
        private final DemoContext context;
        private final DemoPeople people;
        private final Random random;
        private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
        private final Instant now = Instant.now();
        private final List<Org> orgs = new ArrayList<>();
        private final List<Loc> locations = new ArrayList<>();
        private final List<Loc> officeLocations = new ArrayList<>();
        private final int hospitals;
        private final int pharmacies;
        private final int fqhcs;
        private final int urgentCare;
        private final int clinics;
        private final int groups;
        private final int locationTarget;
        private final int practitionerCount;

        Plan(DemoContext context) {
            this.context = context;
            this.people = context.people();
            this.random = context.random("network");
            var s = context.scale();
            hospitals = (int) s.pick(8, 100);
            pharmacies = (int) s.pick(40, 1500);
            fqhcs = (int) s.pick(10, 250);
            urgentCare = (int) s.pick(6, 150);
            clinics = (int) s.pick(20, 600);
            groups = (int) s.pick(12, 395);
            locationTarget = (int) s.pick(300, 15000);
            practitionerCount = (int) s.pick(1200, 60000);
        }

        long organizations() {
            add("hospital", hospitals, "282N00000X", i -> hospitalName(i));
            add("pharmacy", pharmacies, "333600000X", i -> DemoPeople.any(random, PHARMACY_CHAINS) + " #" + (1000 + i));
            add("fqhc", fqhcs, "261QF0400X", i -> fqhcName(i));
            add("urgent-care", urgentCare, "261QU0200X", i -> cityOf() + " Urgent Care " + (i + 1));
            add("clinic", clinics, "261QP2300X", i -> cityOf() + " Family Clinic " + (i + 1));
            add("medical-group", groups, "193200000X", i -> groupName(i));
            return context.copy(
                    "network.organization",
                    List.of(
                            "id",
                            "npi",
                            "name",
                            "type_code",
                            "kind",
                            "taxonomy_code",
                            "product_line",
                            "part_of",
                            "endpoint_ids",
                            "coverage_area_ids",
                            "phone",
                            "line",
                            "city",
                            "state",
                            "postal_code",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        rows.row(
                                PAYER,
                                "1234567893",
                                "L.A. Care Health Plan",
                                "payer",
                                "payer",
                                null,
                                null,
                                null,
                                new String[] {"ep-lacare-plannet"},
                                new String[] {COUNTY_AREA},
                                "(888) 839-9909",
                                "1200 W 7th St",
                                "Los Angeles",
                                "CA",
                                "90017",
                                now,
                                today,
                                "plan",
                                "demo");
                        for (String[] n : NETWORKS) {
                            rows.row(
                                    n[0],
                                    null,
                                    n[1],
                                    "ntwk",
                                    "network",
                                    null,
                                    n[2],
                                    PAYER,
                                    new String[0],
                                    new String[] {COUNTY_AREA},
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    now,
                                    today,
                                    "plan",
                                    "demo");
                        }
                        for (Org o : orgs) {
                            rows.row(
                                    o.id,
                                    npi(random, 1),
                                    o.name,
                                    typeCode(o.kind),
                                    o.kind,
                                    o.taxonomy,
                                    null,
                                    null,
                                    o.kind.equals("hospital") || o.kind.equals("medical-group")
                                            ? new String[] {"ep-" + o.id}
                                            : new String[0],
                                    new String[0],
                                    phone(),
                                    o.street,
                                    o.zip.city(),
                                    "CA",
                                    o.zip.zip(),
                                    now,
                                    verifiedOn(),
                                    verifier(),
                                    "demo");
                        }
                    });
        }

        long locations() {
            for (Org o : orgs) {
                int n = switch (o.kind) {
                    case "hospital" -> 1 + random.nextInt(3);
                    case "fqhc" -> 2 + random.nextInt(3);
                    case "clinic" -> 1 + random.nextInt(2);
                    default -> 1;
                };
                for (int i = 0; i < n; i++) {
                    locations.add(location(o, i));
                }
            }
            List<Org> groupOrgs =
                    orgs.stream().filter(o -> o.kind.equals("medical-group")).toList();
            int officeNo = 0;
            while (locations.size() < locationTarget) {
                Org g = groupOrgs.get(officeNo % groupOrgs.size());
                locations.add(location(g, 1 + officeNo / groupOrgs.size()));
                officeNo++;
            }
            for (Loc l : locations) {
                if (!l.kind.equals("pharmacy") && !l.kind.equals("urgent-care")) {
                    officeLocations.add(l);
                }
            }
            return context.copy(
                    "network.location",
                    List.of(
                            "id",
                            "name",
                            "type_code",
                            "organization_id",
                            "part_of",
                            "endpoint_ids",
                            "line",
                            "city",
                            "state",
                            "postal_code",
                            "latitude",
                            "longitude",
                            "phone",
                            "hours",
                            "accessibility",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        // the county as a coverage area: a jurisdiction without a position, as in Plan-Net's examples
                        rows.row(
                                COUNTY_AREA,
                                "Los Angeles County",
                                null,
                                PAYER,
                                null,
                                new String[0],
                                "500 W Temple St",
                                "Los Angeles",
                                "CA",
                                "90012",
                                null,
                                null,
                                null,
                                null,
                                new String[0],
                                now,
                                today,
                                "plan",
                                "demo");
                        for (Loc l : locations) {
                            Org o = org(l.orgId);
                            String street = l.id.endsWith("-0") ? o.street : street();
                            boolean main = l.id.endsWith("-0");
                            rows.row(
                                    l.id,
                                    o.name + (main ? "" : " – " + l.zip.city()),
                                    locationType(l.kind),
                                    o.id,
                                    !main && o.kind.equals("hospital") ? o.id + "-0" : null,
                                    main && o.kind.equals("hospital") ? new String[] {"ep-" + o.id} : new String[0],
                                    street,
                                    l.zip.city(),
                                    "CA",
                                    l.zip.zip(),
                                    l.point.latitude(),
                                    l.point.longitude(),
                                    phone(),
                                    hours(l.kind),
                                    accessibility(),
                                    now,
                                    verifiedOn(),
                                    verifier(),
                                    "demo");
                        }
                    });
        }

        long practitionersAndRoles() {
            List<Specialty> specialties = Specialties.catalog().practitionerSpecialties();
            double[] weights =
                    specialties.stream().mapToDouble(Specialty::weight).toArray();
            Random r = context.random("network-practitioners");
            List<Object[]> roles = new ArrayList<>();
            long written = context.copy(
                    "network.practitioner",
                    List.of(
                            "id",
                            "npi",
                            "family",
                            "given",
                            "suffix",
                            "gender",
                            "languages",
                            "license_number",
                            "license_state",
                            "board_code",
                            "board_name",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        for (int i = 0; i < practitionerCount; i++) {
                            DemoPerson p = people.person(r, 30 + r.nextInt(35));
                            Specialty s = specialties.get(DemoPeople.pick(r, weights));
                            String id = "pr-" + i;
                            List<String> langs = new ArrayList<>(List.of("en"));
                            if (!p.language().equals("en")) {
                                langs.add(p.language());
                            } else if (r.nextDouble() < 0.25) {
                                langs.add(DemoPeople.any(r, LANGS_EXTRA));
                            }
                            boolean boardCertified = s.suffix().equals("MD") && r.nextDouble() < 0.8;
                            rows.row(
                                    id,
                                    npi(r, 1),
                                    p.lastName(),
                                    p.firstName(),
                                    s.suffix(),
                                    p.sex().equals("F") ? "female" : "male",
                                    langs.toArray(String[]::new),
                                    licensePrefix(s.suffix()) + (10000 + r.nextInt(89999)),
                                    "CA",
                                    boardCertified ? s.code() : null,
                                    boardCertified ? s.display() : null,
                                    now,
                                    today.minusDays(r.nextInt(s.group().equals("pcp") ? 200 : 400)),
                                    verifier(r),
                                    "demo");
                            roles(r, id, s, roles);
                        }
                    });
            written += context.copy(
                    "network.practitioner_role",
                    List.of(
                            "id",
                            "practitioner_id",
                            "organization_id",
                            "location_id",
                            "network_ids",
                            "service_ids",
                            "endpoint_ids",
                            "role_code",
                            "specialty",
                            "accepting",
                            "telehealth",
                            "period_start",
                            "period_end",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        for (Object[] role : roles) {
                            rows.row(role);
                        }
                    });
            return written;
        }

        /** One role per location and network, as rosters list them (Plan-Net allows one network per role). */
        private void roles(Random r, String practitionerId, Specialty s, List<Object[]> out) {
            int locationCount = 1 + DemoPeople.pick(r, 78, 22);
            Loc first = officeLocations.get(r.nextInt(officeLocations.size()));
            int serial = 0;
            for (int k = 0; k < locationCount; k++) {
                Loc l = first;
                if (k > 0) {
                    // a second office is usually near the first: the nearest of a few candidates
                    l = officeLocations.get(r.nextInt(officeLocations.size()));
                    for (int c = 0; c < 4; c++) {
                        Loc candidate = officeLocations.get(r.nextInt(officeLocations.size()));
                        if (first.point.milesTo(candidate.point) < first.point.milesTo(l.point)) {
                            l = candidate;
                        }
                    }
                }
                List<String> nets = new ArrayList<>();
                if (r.nextDouble() < 0.93) {
                    nets.add("net-medi-cal");
                }
                if (r.nextDouble() < 0.35) {
                    nets.add("net-medicare");
                }
                if (r.nextDouble() < 0.22) {
                    nets.add("net-covered-ca");
                }
                if (r.nextDouble() < 0.08 || nets.isEmpty()) {
                    nets.add("net-pasc-sein");
                }
                double a = r.nextDouble();
                String accepting = a < 0.68 ? "newpt" : a < 0.9 ? "existptonly" : "nopt";
                boolean telehealth = r.nextDouble() < 0.4;
                LocalDate start = today.minusDays(30 + r.nextInt(3650));
                LocalDate end = r.nextDouble() < 0.03 ? today.minusDays(1 + r.nextInt(300)) : null;
                LocalDate verified = today.minusDays(r.nextInt(300));
                String verifier = verifier(r);
                Org o = org(l.orgId);
                String[] endpoints = o.kind.equals("hospital") || o.kind.equals("medical-group")
                        ? new String[] {"ep-" + o.id}
                        : new String[0];
                for (String network : nets) {
                    out.add(new Object[] {
                        "role-" + practitionerId.substring(3) + "-" + serial++,
                        practitionerId,
                        l.orgId,
                        l.id,
                        new String[] {network},
                        serviceIds(o),
                        endpoints,
                        roleCode(s),
                        s.code(),
                        accepting,
                        telehealth,
                        start,
                        end,
                        now,
                        verified,
                        verifier,
                        "demo"
                    });
                }
            }
        }

        long servicesPlansAffiliationsEndpoints() {
            long written = context.copy(
                    "network.healthcare_service",
                    List.of(
                            "id",
                            "organization_id",
                            "name",
                            "category_code",
                            "type_codes",
                            "endpoint_ids",
                            "specialty_codes",
                            "location_ids",
                            "coverage_area_ids",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source",
                            "languages"),
                    rows -> {
                        String[] none = new String[0];
                        // a stream of its own, so the rest of the demo directory stays as it was
                        Random staff = context.random("network-staff-languages");
                        for (Org o : orgs) {
                            String[] locs = locationIdsOf(o);
                            switch (o.kind) {
                                case "hospital" -> {
                                    String[] ep = {"ep-" + o.id};
                                    rows.row(
                                            "hs-er-" + o.id,
                                            o.id,
                                            o.name + " Emergency",
                                            "emerg",
                                            none,
                                            ep,
                                            new String[] {"207P00000X"},
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                    rows.row(
                                            "hs-in-" + o.id,
                                            o.id,
                                            o.name + " Inpatient",
                                            "hosp",
                                            none,
                                            ep,
                                            new String[0],
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                }
                                case "pharmacy" ->
                                    rows.row(
                                            "hs-" + o.id,
                                            o.id,
                                            o.name,
                                            "pharm",
                                            none,
                                            none,
                                            new String[] {"183500000X"},
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                case "urgent-care" ->
                                    rows.row(
                                            "hs-" + o.id,
                                            o.id,
                                            o.name,
                                            "urg",
                                            none,
                                            none,
                                            new String[] {"261QU0200X"},
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                case "fqhc", "clinic" ->
                                    rows.row(
                                            "hs-" + o.id,
                                            o.id,
                                            o.name + " Primary Care",
                                            "prov",
                                            new String[] {"124"},
                                            none,
                                            new String[] {"207Q00000X"},
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                case "medical-group" ->
                                    rows.row(
                                            "hs-" + o.id,
                                            o.id,
                                            o.name + " Office Visits",
                                            "prov",
                                            new String[] {"124"},
                                            none,
                                            new String[0],
                                            locs,
                                            new String[] {COUNTY_AREA},
                                            now,
                                            verifiedOn(),
                                            verifier(),
                                            "demo",
                                            staffLanguages(staff));
                                default -> {}
                            }
                        }
                    });
            written += context.copy(
                    "network.insurance_plan",
                    List.of(
                            "id",
                            "identifier",
                            "name",
                            "type_code",
                            "plan_type_code",
                            "product_line",
                            "owned_by",
                            "administered_by",
                            "coverage_area_ids",
                            "network_ids",
                            "endpoint_ids",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        for (String[] n : NETWORKS) {
                            rows.row(
                                    "plan-" + n[2],
                                    "LAC-" + n[2].toUpperCase(),
                                    "L.A. Care " + planName(n[2]),
                                    n[3],
                                    n[2].equals("covered-ca") ? "silver" : null,
                                    n[2],
                                    PAYER,
                                    PAYER,
                                    new String[] {COUNTY_AREA},
                                    new String[] {n[0]},
                                    new String[] {"ep-lacare-plannet"},
                                    now,
                                    today,
                                    "plan",
                                    "demo");
                        }
                    });
            Random r = context.random("network-affiliations");
            List<Org> hospitalOrgs =
                    orgs.stream().filter(o -> o.kind.equals("hospital")).toList();
            written += context.copy(
                    "network.organization_affiliation",
                    List.of(
                            "id",
                            "primary_organization_id",
                            "participating_organization_id",
                            "location_ids",
                            "service_ids",
                            "network_ids",
                            "endpoint_ids",
                            "role_code",
                            "specialty_codes",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        for (Org o : orgs) {
                            String[] locs = locationIdsOf(o);
                            String[] nets = o.kind.equals("pharmacy") || o.kind.equals("hospital")
                                    ? new String[] {"net-medi-cal", "net-medicare", "net-covered-ca", "net-pasc-sein"}
                                    : new String[] {"net-medi-cal", "net-medicare"};
                            String role = switch (o.kind) {
                                case "hospital" -> "hospital";
                                case "pharmacy" -> "pharmacy";
                                case "urgent-care" -> "urgent";
                                case "medical-group" -> "group";
                                default -> "outpatient";
                            };
                            String[] ep = o.kind.equals("hospital") || o.kind.equals("medical-group")
                                    ? new String[] {"ep-" + o.id}
                                    : new String[0];
                            rows.row(
                                    "aff-" + o.id,
                                    PAYER,
                                    o.id,
                                    locs,
                                    serviceIds(o),
                                    nets,
                                    ep,
                                    role,
                                    new String[] {o.taxonomy},
                                    now,
                                    verifiedOn(),
                                    verifier(),
                                    "demo");
                            if (o.kind.equals("medical-group")) {
                                // hospital privileges of the group's doctors
                                Org h = hospitalOrgs.get(r.nextInt(hospitalOrgs.size()));
                                rows.row(
                                        "aff-hp-" + o.id,
                                        h.id,
                                        o.id,
                                        new String[0],
                                        new String[0],
                                        new String[] {"net-medi-cal"},
                                        new String[0],
                                        "outpatient",
                                        new String[0],
                                        now,
                                        verifiedOn(),
                                        verifier(),
                                        "demo");
                            }
                        }
                    });
            written += context.copy(
                    "network.endpoint",
                    List.of(
                            "id",
                            "organization_id",
                            "name",
                            "connection_type",
                            "payload_type",
                            "address",
                            "last_updated",
                            "verified_on",
                            "verified_by",
                            "source"),
                    rows -> {
                        rows.row(
                                "ep-lacare-plannet",
                                PAYER,
                                "L.A. Care provider directory (Plan-Net)",
                                "hl7-fhir-opn",
                                "NA",
                                "https://api.lacare.example/fhir",
                                now,
                                today,
                                "plan",
                                "demo");
                        for (Org o : orgs) {
                            if (o.kind.equals("hospital") || o.kind.equals("medical-group")) {
                                rows.row(
                                        "ep-" + o.id,
                                        o.id,
                                        o.name + " FHIR API",
                                        "hl7-fhir-opn",
                                        "NA",
                                        "https://fhir." + o.id + ".example.org/r4",
                                        now,
                                        verifiedOn(),
                                        verifier(),
                                        "demo");
                            }
                        }
                    });
            return written;
        }

        private final java.util.Map<String, List<String>> locationsByOrg = new java.util.HashMap<>();

        private String[] locationIdsOf(Org o) {
            if (locationsByOrg.isEmpty()) {
                for (Loc l : locations) {
                    locationsByOrg
                            .computeIfAbsent(l.orgId, k -> new ArrayList<>())
                            .add(l.id);
                }
            }
            return locationsByOrg.getOrDefault(o.id, List.of()).toArray(String[]::new);
        }

        private static String[] serviceIds(Org o) {
            return switch (o.kind) {
                case "hospital" -> new String[] {"hs-er-" + o.id, "hs-in-" + o.id};
                case "pharmacy", "urgent-care", "fqhc", "clinic" -> new String[] {"hs-" + o.id};
                default -> new String[0];
            };
        }

        private void add(String kind, int count, String taxonomy, java.util.function.IntFunction<String> name) {
            for (int i = 0; i < count; i++) {
                ZipArea zip = people.zip(random);
                orgs.add(new Org(
                        shortKind(kind) + "-" + i,
                        kind,
                        name.apply(i),
                        taxonomy,
                        zip,
                        people.near(zip, random),
                        street()));
            }
        }

        private Loc location(Org o, int n) {
            if (n == 0) {
                return new Loc(o.id + "-0", o.id, o.kind, o.zip, o.point);
            }
            ZipArea zip = people.zip(random);
            return new Loc(o.id + "-" + n, o.id, o.kind, zip, people.near(zip, random));
        }

        private Org org(String id) {
            // ids are kind-index: the index finds the entry without a map
            String prefix = id.substring(0, id.indexOf('-'));
            int index = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            int offset = switch (prefix) {
                case "hosp" -> 0;
                case "rx" -> hospitals;
                case "fqhc" -> hospitals + pharmacies;
                case "uc" -> hospitals + pharmacies + fqhcs;
                case "clin" -> hospitals + pharmacies + fqhcs + urgentCare;
                default -> hospitals + pharmacies + fqhcs + urgentCare + clinics;
            };
            return orgs.get(offset + index);
        }

        private static String shortKind(String kind) {
            return switch (kind) {
                case "hospital" -> "hosp";
                case "pharmacy" -> "rx";
                case "fqhc" -> "fqhc";
                case "urgent-care" -> "uc";
                case "clinic" -> "clin";
                default -> "mg";
            };
        }

        private String hospitalName(int i) {
            return cityOf() + " " + DemoPeople.any(random, HOSPITAL_WORDS)
                    + (i % 3 == 0 ? " Hospital" : " Medical Center");
        }

        private String fqhcName(int i) {
            String[] words = {
                "Clínica Comunitaria", "Community Health Center", "Family Health Center", "Wellness Center"
            };
            return cityOf() + " " + DemoPeople.any(random, words);
        }

        private String groupName(int i) {
            return cityOf() + " " + DemoPeople.any(random, GROUP_WORDS);
        }

        private String cityOf() {
            return people.zip(random).city();
        }

        private String street() {
            return people.person(random, 40).street();
        }

        private String phone() {
            String[] areas = {"213", "310", "323", "424", "562", "626", "661", "747", "818"};
            return "(" + DemoPeople.any(random, areas) + ") " + (200 + random.nextInt(799)) + "-"
                    + String.format("%04d", random.nextInt(10000));
        }

        private LocalDate verifiedOn() {
            return today.minusDays(random.nextInt(400));
        }

        private String verifier() {
            return verifier(random);
        }

        /** Front-desk languages: English and Spanish, as in most offices of the county, and often one more. */
        private static String[] staffLanguages(Random r) {
            String extra = DemoPeople.any(r, LANGS_EXTRA);
            return r.nextDouble() < 0.4 && !extra.equals("es")
                    ? new String[] {"en", "es", extra}
                    : new String[] {"en", "es"};
        }

        private static String verifier(Random r) {
            double v = r.nextDouble();
            return v < 0.5 ? "provider attestation" : v < 0.8 ? "roster" : v < 0.95 ? "outreach call" : "CAQH";
        }

        private String hours(String kind) {
            return switch (kind) {
                case "hospital" -> "mon-sun 00:00-24:00";
                case "pharmacy" -> "mon-sat 09:00-21:00";
                case "urgent-care" -> "mon-sun 08:00-20:00";
                default -> random.nextBoolean() ? "mon-fri 08:00-17:00" : "mon-fri 08:30-17:30;sat 09:00-13:00";
            };
        }

        private String[] accessibility() {
            List<String> a = new ArrayList<>();
            if (random.nextDouble() < 0.8) {
                a.add("handiaccess");
            }
            if (random.nextDouble() < 0.6) {
                a.add("pubtrans");
            }
            if (random.nextDouble() < 0.4) {
                a.add("cultcomp");
            }
            return a.toArray(String[]::new);
        }

        private static String typeCode(String kind) {
            return switch (kind) {
                case "medical-group" -> "prvgrp";
                case "hospital", "pharmacy", "urgent-care", "fqhc", "clinic" -> "fac";
                default -> "bus";
            };
        }

        private static String locationType(String kind) {
            return switch (kind) {
                case "hospital" -> "HOSP";
                case "pharmacy" -> "PHARM";
                case "urgent-care" -> "ER";
                case "fqhc", "clinic" -> "PC";
                default -> "OF";
            };
        }

        private static String roleCode(Specialty s) {
            return switch (s.suffix()) {
                case "NP" -> "crnp";
                case "PA" -> "pa";
                case "PharmD" -> "rx";
                case "PhD" -> "py";
                case "LCSW" -> "sw";
                case "LMFT" -> "mt";
                case "OD" -> "oo";
                case "PT" -> "pt";
                case "DPM" -> "po";
                default -> "ph";
            };
        }

        private static String licensePrefix(String suffix) {
            return switch (suffix) {
                case "MD" -> "A";
                case "DO" -> "20A";
                case "NP" -> "NP";
                case "PA" -> "PA";
                case "PharmD" -> "RPH";
                default -> "L";
            };
        }

        private static String planName(String productLine) {
            return switch (productLine) {
                case "medi-cal" -> "Medi-Cal";
                case "medicare" -> "Medicare Plus (HMO D-SNP)";
                case "covered-ca" -> "Covered";
                default -> "PASC-SEIU Homecare Workers Health Care Plan";
            };
        }
    }

    /** A 10-digit NPI with a valid Luhn check digit (prefix 80840), starting with 1 (people) or 1/2. */
    static String npi(Random random, int first) {
        StringBuilder base = new StringBuilder().append(first);
        for (int i = 0; i < 8; i++) {
            base.append(random.nextInt(10));
        }
        return base.append(npiCheckDigit(base.toString())).toString();
    }

    static int npiCheckDigit(String nineDigits) {
        int sum = 24; // the constant for the 80840 prefix
        for (int i = 0; i < 9; i++) {
            int d = nineDigits.charAt(8 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
