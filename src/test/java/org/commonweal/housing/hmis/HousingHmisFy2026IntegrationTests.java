package org.commonweal.housing.hmis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commonweal.housing.hmis.HmisSpec.row;
import static org.commonweal.housing.hmis.HousingHmisExportIntegrationTests.rows;
import static org.commonweal.housing.hmis.HousingHmisExportIntegrationTests.unzip;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.UploadJobPages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * A complete FY2026 HMIS CSV export of another HMIS (every file of the set, written from the FY2026 column lists of
 * HUD's Eva tool in {@code fy2026-columns.csv}) is imported whole and exported back unchanged; an FY2024 set is
 * converted; a set of another version is refused.
 */
@IntegrationTest
class HousingHmisFy2026IntegrationTests {

    static final String STAMP = "2025-10-15 09:30:00";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCompleteExportOfAnotherHmisIsAppliedWholeAndComesBackUnchanged() throws Exception {
        String p = "F26" + (System.nanoTime() % 1_000_000_000L);
        Map<String, List<Map<String, String>>> set = fullSet(p);
        String page = upload(HmisSpec.zip(HmisSpec.columns("fy2026"), set));
        int rows = set.values().stream().mapToInt(List::size).sum() - 1; // Export.csv is not a record
        assertThat(page).contains(rows + " rows applied");
        assertThat(page).doesNotContain("unknown project").doesNotContain(".csv line ");
        assertThat(jdbc.sql("select count(*) from housing.enrollment where hmis_id like ?")
                        .param(p + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select sex from housing.client where personal_id = ?")
                        .param(p + "-C1")
                        .query(Integer.class)
                        .single())
                .isZero();

        byte[] zip = mvc.perform(get("/housing/hmis/export")
                        .param("from", "2025-01-01")
                        .param("to", LocalDate.now().toString())
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Map<String, List<List<String>>> exported = unzip(zip);
        for (var file : set.entrySet()) {
            if (file.getKey().equals("Export.csv")) {
                continue;
            }
            String id = HmisSpec.columns("fy2026").get(file.getKey()).get(0);
            for (Map<String, String> sent : file.getValue()) {
                Map<String, String> back = rows(exported.get(file.getKey())).stream()
                        .filter(r -> sent.get(id).equals(r.get(id)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(file.getKey() + ": no " + id + " " + sent.get(id)));
                for (String column : HmisSpec.columns("fy2026").get(file.getKey())) {
                    if (column.equals("ExportID")
                            || (file.getKey().equals("Client.csv")
                                    && Set.of("SSN", "SSNDataQuality").contains(column))) {
                        continue;
                    }
                    assertThat(back.get(column))
                            .as(file.getKey() + " " + sent.get(id) + " " + column)
                            .isEqualTo(sent.getOrDefault(column, ""));
                }
            }
        }
        // the SSN only as its last four digits, by design
        var client = rows(exported.get("Client.csv")).stream()
                .filter(r -> r.get("PersonalID").equals(p + "-C1"))
                .findFirst()
                .orElseThrow();
        assertThat(client.get("SSN")).isEqualTo("xxxxx6789");
        assertThat(client.get("SSNDataQuality")).isEqualTo("2");
    }

    @Test
    void everyFileOfTheSetIsExportedWithTheFy2026HeaderInOrder() throws Exception {
        byte[] zip = mvc.perform(get("/housing/hmis/export")
                        .param("from", LocalDate.now().minusYears(1).toString())
                        .param("to", LocalDate.now().toString())
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Map<String, List<List<String>>> files = unzip(zip);
        Map<String, List<String>> spec = HmisSpec.columns("fy2026");
        assertThat(files.keySet())
                .containsExactlyInAnyOrderElementsOf(spec.keySet())
                .hasSize(24);
        for (var file : spec.entrySet()) {
            assertThat(files.get(file.getKey()).get(0)).as(file.getKey()).isEqualTo(file.getValue());
            int width = file.getValue().size();
            assertThat(files.get(file.getKey())).allSatisfy(r -> assertThat(r).hasSize(width));
        }
        assertThat(rows(files.get("Export.csv")).get(0).get("CSVVersion")).startsWith("2026");
        assertThat(files.get("Client.csv").get(0))
                .contains("Sex", "HispanicLatinao")
                .doesNotContain("Woman", "Man", "GenderNone", "HispanicLatinaeo");
        assertThat(files.get("Exit.csv").get(0)).contains("WorkplaceViolenceThreats");
        // every UserID in the set is a user of User.csv
        Set<String> users = Set.copyOf(
                rows(files.get("User.csv")).stream().map(r -> r.get("UserID")).toList());
        for (var file : files.entrySet()) {
            if (file.getValue().get(0).contains("UserID") && !file.getKey().equals("User.csv")) {
                rows(file.getValue())
                        .forEach(r -> assertThat(users).as(file.getKey()).contains(r.get("UserID")));
            }
        }
        // clients already in Commonweal before FY2026 were never asked Sex: 99 (Data not collected)
        assertThat(rows(files.get("Client.csv")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("Sex")).isIn("0", "1", "8", "9", "99"));
    }

    @Test
    void anFy2024SetIsRecognisedByItsVersionAndConverted() throws Exception {
        String p = "F24" + (System.nanoTime() % 1_000_000_000L);
        Map<String, List<Map<String, String>>> set = new LinkedHashMap<>();
        set.put(
                "Export.csv",
                List.of(row(
                        "ExportID",
                        p,
                        "SourceType",
                        "3",
                        "CSVVersion",
                        "2024 v1.3",
                        "ExportStartDate",
                        "2025-01-01",
                        "ExportEndDate",
                        "2025-09-30",
                        "ExportDate",
                        STAMP)));
        set.put(
                "Organization.csv",
                List.of(row(
                        "OrganizationID",
                        p + "-O",
                        "OrganizationName",
                        "Old HMIS Org",
                        "VictimServiceProvider",
                        "0",
                        "DateCreated",
                        STAMP,
                        "DateUpdated",
                        STAMP,
                        "UserID",
                        "U",
                        "ExportID",
                        p)));
        set.put(
                "Project.csv",
                List.of(row(
                        "ProjectID",
                        p + "-P",
                        "OrganizationID",
                        p + "-O",
                        "ProjectName",
                        "Old RRH",
                        "OperatingStartDate",
                        "2020-01-01",
                        "ContinuumProject",
                        "1",
                        "ProjectType",
                        "13",
                        "DateCreated",
                        STAMP,
                        "DateUpdated",
                        STAMP,
                        "UserID",
                        "U",
                        "ExportID",
                        p)));
        set.put(
                "Client.csv",
                List.of(row(
                        "PersonalID",
                        p + "-C",
                        "FirstName",
                        "Lupe",
                        "LastName",
                        "Ortiz",
                        "NameDataQuality",
                        "1",
                        "SSNDataQuality",
                        "99",
                        "DOB",
                        "1975-03-04",
                        "DOBDataQuality",
                        "1",
                        "AmIndAKNative",
                        "0",
                        "Asian",
                        "0",
                        "BlackAfAmerican",
                        "0",
                        "HispanicLatinaeo",
                        "1",
                        "MidEastNAfrican",
                        "0",
                        "NativeHIPacific",
                        "0",
                        "White",
                        "0",
                        "Woman",
                        "1",
                        "Man",
                        "0",
                        "VeteranStatus",
                        "0",
                        "DateCreated",
                        STAMP,
                        "DateUpdated",
                        STAMP,
                        "UserID",
                        "U",
                        "ExportID",
                        p)));
        set.put(
                "Enrollment.csv",
                List.of(row(
                        "EnrollmentID",
                        p + "-E",
                        "PersonalID",
                        p + "-C",
                        "ProjectID",
                        p + "-P",
                        "EntryDate",
                        "2025-06-01",
                        "HouseholdID",
                        p + "-H",
                        "RelationshipToHoH",
                        "1",
                        "EnrollmentCoC",
                        "CA-600",
                        "LivingSituation",
                        "116",
                        "DisablingCondition",
                        "0",
                        "TranslationNeeded",
                        "1",
                        "PreferredLanguage",
                        "367",
                        "SexualOrientation",
                        "2",
                        "DateCreated",
                        STAMP,
                        "DateUpdated",
                        STAMP,
                        "UserID",
                        "U",
                        "ExportID",
                        p)));
        String page = HtmlUtils.htmlUnescape(upload(HmisSpec.zip(HmisSpec.columns("fy2024"), set)));
        assertThat(page)
                .contains("4 rows applied")
                .contains("CSVVersion '2024 v1.3' read as FY2024 and converted to FY2026");
        var client = jdbc.sql("select sex, race, gender from housing.client where personal_id = ?")
                .param(p + "-C")
                .query()
                .singleRow();
        assertThat(client.get("sex")).isEqualTo(99);
        assertThat(List.of((String[]) ((java.sql.Array) client.get("race")).getArray()))
                .containsExactly("HispanicLatinaeo");
        assertThat(List.of((String[]) ((java.sql.Array) client.get("gender")).getArray()))
                .containsExactly("Woman");

        byte[] zip = mvc.perform(get("/housing/hmis/export")
                        .param("from", "2025-06-01")
                        .param("to", "2025-06-30")
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Map<String, List<List<String>>> files = unzip(zip);
        var exported = rows(files.get("Client.csv")).stream()
                .filter(r -> r.get("PersonalID").equals(p + "-C"))
                .findFirst()
                .orElseThrow();
        assertThat(exported.get("Sex")).isEqualTo("99");
        assertThat(exported.get("HispanicLatinao")).isEqualTo("1");
        assertThat(files.get("Enrollment.csv").get(0))
                .isEqualTo(HmisSpec.columns("fy2026").get("Enrollment.csv"));
        assertThat(rows(files.get("Enrollment.csv")).stream()
                        .anyMatch(r -> r.get("EnrollmentID").equals(p + "-E")))
                .isTrue();
    }

    @Test
    void aSetOfAnotherVersionOrWithoutExportCsvIsRefusedWithItsReason() throws Exception {
        String p = "F22" + (System.nanoTime() % 1_000_000_000L);
        Map<String, List<Map<String, String>>> set = new LinkedHashMap<>();
        set.put("Export.csv", List.of(row("ExportID", p, "CSVVersion", "2022 v1")));
        set.put(
                "Client.csv",
                List.of(row("PersonalID", p + "-C", "FirstName", "A", "LastName", "B", "DOB", "1990-01-01")));
        String page = HtmlUtils.htmlUnescape(upload(HmisSpec.zip(HmisSpec.columns("fy2026"), set)));
        assertThat(page).contains("0 rows applied").contains("CSVVersion: '2022 v1' is neither FY2026");
        assertThat(jdbc.sql("select count(*) from housing.client where personal_id = ?")
                        .param(p + "-C")
                        .query(Long.class)
                        .single())
                .isZero();
        set.remove("Export.csv");
        assertThat(HtmlUtils.htmlUnescape(upload(HmisSpec.zip(HmisSpec.columns("fy2026"), set))))
                .contains("Export.csv: missing or without a row");
    }

    private String upload(byte[] zip) throws Exception {
        return UploadJobPages.postAndWait(
                mvc,
                multipart("/housing/hmis/import")
                        .file(new MockMultipartFile("set", "hmis.zip", "application/zip", zip))
                        .with(csrf()),
                user("admin").roles("ADMIN"));
    }

    /** One of every file: two projects of another HMIS, a household of one, records of every enrollment-level file. */
    static Map<String, List<Map<String, String>>> fullSet(String p) {
        String u = p + "-U1";
        Map<String, List<Map<String, String>>> set = new LinkedHashMap<>();
        set.put(
                "Export.csv",
                List.of(row(
                        "ExportID",
                        p,
                        "SourceType",
                        "3",
                        "SourceName",
                        "Other County HMIS",
                        "ExportDate",
                        STAMP,
                        "ExportStartDate",
                        "2025-01-01",
                        "ExportEndDate",
                        "2025-12-31",
                        "SoftwareName",
                        "OtherHMIS",
                        "SoftwareVersion",
                        "9.1",
                        "CSVVersion",
                        "2026 v1.0",
                        "ExportPeriodType",
                        "3",
                        "ExportDirective",
                        "2",
                        "HashStatus",
                        "1",
                        "ImplementationID",
                        "other-1")));
        set.put(
                "Organization.csv",
                List.of(stamped(
                        u,
                        "OrganizationID",
                        p + "-O1",
                        "OrganizationName",
                        "Hope Street Services",
                        "VictimServiceProvider",
                        "0",
                        "OrganizationCommonName",
                        "Hope Street")));
        set.put(
                "User.csv",
                List.of(row(
                        "UserID",
                        u,
                        "UserFirstName",
                        "Dana",
                        "UserLastName",
                        "Reyes",
                        "UserPhone",
                        "2135550100",
                        "UserEmail",
                        "dana@example.org",
                        "DateCreated",
                        STAMP,
                        "DateUpdated",
                        STAMP)));
        set.put(
                "Project.csv",
                List.of(
                        stamped(
                                u,
                                "ProjectID",
                                p + "-P1",
                                "OrganizationID",
                                p + "-O1",
                                "ProjectName",
                                "Hope RRH",
                                "ProjectCommonName",
                                "RRH",
                                "OperatingStartDate",
                                "2019-07-01",
                                "ContinuumProject",
                                "1",
                                "ProjectType",
                                "13",
                                "HousingType",
                                "3",
                                "RRHSubType",
                                "2",
                                "TargetPopulation",
                                "4"),
                        stamped(
                                u,
                                "ProjectID",
                                p + "-P2",
                                "OrganizationID",
                                p + "-O1",
                                "ProjectName",
                                "Hope Shelter",
                                "OperatingStartDate",
                                "2018-01-01",
                                "ContinuumProject",
                                "1",
                                "ProjectType",
                                "0",
                                "HousingType",
                                "1",
                                "TargetPopulation",
                                "4",
                                "PITCount",
                                "40")));
        set.put(
                "Funder.csv",
                List.of(stamped(
                        u,
                        "FunderID",
                        p + "-F1",
                        "ProjectID",
                        p + "-P1",
                        "Funder",
                        "2",
                        "GrantID",
                        "CA0000L9D001",
                        "StartDate",
                        "2025-07-01",
                        "EndDate",
                        "2026-06-30")));
        set.put(
                "ProjectCoC.csv",
                List.of(stamped(
                        u,
                        "ProjectCoCID",
                        p + "-PC1",
                        "ProjectID",
                        p + "-P1",
                        "CoCCode",
                        "CA-606",
                        "Geocode",
                        "069037",
                        "Address1",
                        "1 Main St",
                        "City",
                        "Long Beach",
                        "State",
                        "CA",
                        "ZIP",
                        "90802",
                        "GeographyType",
                        "1")));
        set.put(
                "Inventory.csv",
                List.of(stamped(
                        u,
                        "InventoryID",
                        p + "-I1",
                        "ProjectID",
                        p + "-P2",
                        "CoCCode",
                        "CA-606",
                        "HouseholdType",
                        "1",
                        "Availability",
                        "1",
                        "UnitInventory",
                        "40",
                        "BedInventory",
                        "40",
                        "OtherBedInventory",
                        "40",
                        "ESBedType",
                        "1",
                        "InventoryStartDate",
                        "2018-01-01")));
        set.put(
                "Affiliation.csv",
                List.of(stamped(u, "AffiliationID", p + "-A1", "ProjectID", p + "-P1", "ResProjectID", p + "-P2")));
        set.put(
                "HMISParticipation.csv",
                List.of(stamped(
                        u,
                        "HMISParticipationID",
                        p + "-HP1",
                        "ProjectID",
                        p + "-P1",
                        "HMISParticipationType",
                        "1",
                        "HMISParticipationStatusStartDate",
                        "2019-07-01")));
        set.put(
                "CEParticipation.csv",
                List.of(stamped(
                        u,
                        "CEParticipationID",
                        p + "-CE1",
                        "ProjectID",
                        p + "-P1",
                        "AccessPoint",
                        "0",
                        "ReceivesReferrals",
                        "1",
                        "CEParticipationStatusStartDate",
                        "2019-07-01")));
        set.put(
                "Client.csv",
                List.of(stamped(
                        u,
                        "PersonalID",
                        p + "-C1",
                        "FirstName",
                        "Marisol",
                        "MiddleName",
                        "Ana",
                        "LastName",
                        "Vega",
                        "NameSuffix",
                        "Jr",
                        "NameDataQuality",
                        "1",
                        "SSN",
                        "123456789",
                        "SSNDataQuality",
                        "1",
                        "DOB",
                        "1980-05-06",
                        "DOBDataQuality",
                        "1",
                        "Sex",
                        "0",
                        "AmIndAKNative",
                        "0",
                        "Asian",
                        "0",
                        "BlackAfAmerican",
                        "0",
                        "HispanicLatinao",
                        "1",
                        "MidEastNAfrican",
                        "0",
                        "NativeHIPacific",
                        "0",
                        "White",
                        "1",
                        "AdditionalRaceEthnicity",
                        "Oaxacan",
                        "VeteranStatus",
                        "0")));
        set.put(
                "Enrollment.csv",
                List.of(
                        stamped(
                                u,
                                "EnrollmentID",
                                p + "-E1",
                                "PersonalID",
                                p + "-C1",
                                "ProjectID",
                                p + "-P2",
                                "EntryDate",
                                "2025-09-01",
                                "HouseholdID",
                                p + "-H1",
                                "RelationshipToHoH",
                                "1",
                                "EnrollmentCoC",
                                "CA-606",
                                "LivingSituation",
                                "116",
                                "LengthOfStay",
                                "5",
                                "LOSUnderThreshold",
                                "1",
                                "PreviousStreetESSH",
                                "1",
                                "DateToStreetESSH",
                                "2024-03-01",
                                "TimesHomelessPastThreeYears",
                                "2",
                                "MonthsHomelessPastThreeYears",
                                "112",
                                "DisablingCondition",
                                "1",
                                "MentalHealthConsultation",
                                "2"),
                        stamped(
                                u,
                                "EnrollmentID",
                                p + "-E2",
                                "PersonalID",
                                p + "-C1",
                                "ProjectID",
                                p + "-P1",
                                "EntryDate",
                                "2025-10-01",
                                "HouseholdID",
                                p + "-H2",
                                "RelationshipToHoH",
                                "1",
                                "EnrollmentCoC",
                                "CA-606",
                                "LivingSituation",
                                "101",
                                "LengthOfStay",
                                "3",
                                "DisablingCondition",
                                "1",
                                "MoveInDate",
                                "2025-11-15",
                                "PercentAMI",
                                "1")));
        set.put(
                "Exit.csv",
                List.of(stamped(
                        u,
                        "ExitID",
                        p + "-X1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "ExitDate",
                        "2025-09-30",
                        "Destination",
                        "101",
                        "ProjectCompletionStatus",
                        "1",
                        "WorkplaceViolenceThreats",
                        "0",
                        "CounselingReceived",
                        "0")));
        set.put(
                "IncomeBenefits.csv",
                List.of(stamped(
                        u,
                        "IncomeBenefitsID",
                        p + "-IB1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-10-01",
                        "IncomeFromAnySource",
                        "1",
                        "TotalMonthlyIncome",
                        "943.00",
                        "SSI",
                        "1",
                        "SSIAmount",
                        "943.00",
                        "BenefitsFromAnySource",
                        "1",
                        "SNAP",
                        "1",
                        "InsuranceFromAnySource",
                        "1",
                        "Medicaid",
                        "1",
                        "DataCollectionStage",
                        "1")));
        set.put(
                "HealthAndDV.csv",
                List.of(stamped(
                        u,
                        "HealthAndDVID",
                        p + "-HD1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-10-01",
                        "DomesticViolenceSurvivor",
                        "0",
                        "GeneralHealthStatus",
                        "3",
                        "DataCollectionStage",
                        "1")));
        set.put(
                "EmploymentEducation.csv",
                List.of(stamped(
                        u,
                        "EmploymentEducationID",
                        p + "-EE1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-10-01",
                        "LastGradeCompleted",
                        "7",
                        "Employed",
                        "0",
                        "NotEmployedReason",
                        "2",
                        "DataCollectionStage",
                        "1")));
        set.put(
                "Disabilities.csv",
                List.of(stamped(
                        u,
                        "DisabilitiesID",
                        p + "-D1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-10-01",
                        "DisabilityType",
                        "9",
                        "DisabilityResponse",
                        "1",
                        "IndefiniteAndImpairs",
                        "1",
                        "DataCollectionStage",
                        "1")));
        set.put(
                "Services.csv",
                List.of(stamped(
                        u,
                        "ServicesID",
                        p + "-S1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "DateProvided",
                        "2025-11-15",
                        "RecordType",
                        "152",
                        "TypeProvided",
                        "1",
                        "FAAmount",
                        "1200.00",
                        "FAStartDate",
                        "2025-11-15",
                        "FAEndDate",
                        "2025-12-14")));
        set.put(
                "CurrentLivingSituation.csv",
                List.of(stamped(
                        u,
                        "CurrentLivingSitID",
                        p + "-CL1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-09-15",
                        "CurrentLivingSituation",
                        "116",
                        "LocationDetails",
                        "Under the 7th St bridge, \"north\" side")));
        set.put(
                "Assessment.csv",
                List.of(stamped(
                        u,
                        "AssessmentID",
                        p + "-AS1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "AssessmentDate",
                        "2025-09-10",
                        "AssessmentLocation",
                        "Long Beach MSC",
                        "AssessmentType",
                        "3",
                        "AssessmentLevel",
                        "2",
                        "PrioritizationStatus",
                        "1")));
        set.put(
                "AssessmentQuestions.csv",
                List.of(stamped(
                        u,
                        "AssessmentQuestionID",
                        p + "-AQ1",
                        "AssessmentID",
                        p + "-AS1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "AssessmentQuestionGroup",
                        "Housing",
                        "AssessmentQuestionOrder",
                        "1",
                        "AssessmentQuestion",
                        "Nights outside, last 3 years",
                        "AssessmentAnswer",
                        "400")));
        set.put(
                "AssessmentResults.csv",
                List.of(stamped(
                        u,
                        "AssessmentResultID",
                        p + "-AR1",
                        "AssessmentID",
                        p + "-AS1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "AssessmentResultType",
                        "Acuity score",
                        "AssessmentResult",
                        "11")));
        set.put(
                "Event.csv",
                List.of(stamped(
                        u,
                        "EventID",
                        p + "-EV1",
                        "EnrollmentID",
                        p + "-E1",
                        "PersonalID",
                        p + "-C1",
                        "EventDate",
                        "2025-09-20",
                        "Event",
                        "13",
                        "ReferralResult",
                        "1",
                        "ResultDate",
                        "2025-09-28")));
        set.put(
                "YouthEducationStatus.csv",
                List.of(stamped(
                        u,
                        "YouthEducationStatusID",
                        p + "-Y1",
                        "EnrollmentID",
                        p + "-E2",
                        "PersonalID",
                        p + "-C1",
                        "InformationDate",
                        "2025-10-01",
                        "CurrentSchoolAttend",
                        "0",
                        "MostRecentEdStatus",
                        "3",
                        "DataCollectionStage",
                        "1")));
        return set;
    }

    private static Map<String, String> stamped(String user, String... pairs) {
        Map<String, String> r = row(pairs);
        r.put("DateCreated", STAMP);
        r.put("DateUpdated", STAMP);
        r.put("UserID", user);
        return r;
    }
}
