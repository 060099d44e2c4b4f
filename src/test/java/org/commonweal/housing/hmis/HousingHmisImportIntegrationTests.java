package org.commonweal.housing.hmis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.commonweal.UploadJobPages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class HousingHmisImportIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void goodRowsAreAppliedAndBadRowsReportedWithLineFieldAndReason() throws Exception {
        String p = "IMP" + (System.nanoTime() % 1_000_000_000L);
        String clients = """
                PersonalID,FirstName,LastName,DOB,DOBDataQuality,SSN,AmIndAKNative,Asian,BlackAfAmerican,HispanicLatinaeo,MidEastNAfrican,NativeHIPacific,White,Woman,Man,VeteranStatus
                %1$sA,Rosa,"Delgado, Jr.",1970-04-02,1,xxxxx4321,0,0,0,1,0,0,0,1,0,0
                %1$sB,Ann,Lee,1970-13-01,1,,0,1,0,0,0,0,0,1,0,0
                %1$sC,Tom,Brown,1980-01-01,1,,0,0,1,0,0,0,0,0,1,7
                """.formatted(p);
        String enrollments = """
                EnrollmentID,PersonalID,ProjectID,EntryDate,HouseholdID,RelationshipToHoH,LivingSituation,DisablingCondition,MoveInDate
                %1$sE1,%1$sA,P-PSH-METRO,2025-01-10,%1$sH1,1,116,1,2025-03-01
                %1$sE2,%1$sA,NO-SUCH-PROJECT,2025-01-10,%1$sH2,1,116,1,
                %1$sE3,%1$sZ,P-PSH-METRO,2025-01-10,%1$sH3,1,116,1,
                %1$sE4,%1$sA,P-PSH-METRO,2025-01-10,%1$sH4,1,116,1,2024-12-01
                """.formatted(p);
        String exits = """
                ExitID,EnrollmentID,PersonalID,ExitDate,Destination,DestinationSubsidyType
                X1,%1$sE1,%1$sA,2025-09-30,435,439
                X2,%1$sE1,%1$sA,2024-01-01,435,
                X3,%1$sE1,%1$sA,2025-09-30,999,
                """.formatted(p);
        String page = UploadJobPages.postAndWait(
                mvc,
                multipart("/housing/hmis/import")
                        .file(new MockMultipartFile(
                                "client", "Client.csv", "text/csv", clients.getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile(
                                "enrollment",
                                "Enrollment.csv",
                                "text/csv",
                                enrollments.getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile(
                                "exit", "Exit.csv", "text/csv", exits.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()),
                user("admin").roles("ADMIN"));
        assertThat(page)
                .contains("3 rows applied")
                .contains("Client.csv line 3: DOB: not a date")
                .contains("Client.csv line 4: VeteranStatus: &#39;7&#39; is not a HUD code")
                .contains("Enrollment.csv line 3: ProjectID: unknown project")
                .contains("Enrollment.csv line 4: PersonalID: unknown client")
                .contains("Enrollment.csv line 5: MoveInDate: before EntryDate")
                .contains("Exit.csv line 3: ExitDate: before EntryDate")
                .contains("Exit.csv line 4: Destination: &#39;999&#39; is not a HUD code");
        var client = jdbc.sql("select last_name, ssn_last4, race, birth_date from housing.client where personal_id = ?")
                .param(p + "A")
                .query()
                .singleRow();
        assertThat(client.get("last_name")).isEqualTo("Delgado, Jr.");
        assertThat(client.get("ssn_last4")).isEqualTo("4321");
        assertThat(client.get("birth_date").toString()).isEqualTo("1970-04-02");
        assertThat(jdbc.sql("select count(*) from housing.client where personal_id in (?, ?)")
                        .params(p + "B", p + "C")
                        .query(Long.class)
                        .single())
                .isZero();
        var enrollment = jdbc.sql(
                        "select move_in_date, exit_date, destination, destination_subsidy_type from housing.enrollment where hmis_id = ?")
                .param(p + "E1")
                .query()
                .singleRow();
        assertThat(enrollment.get("move_in_date").toString()).isEqualTo("2025-03-01");
        assertThat(enrollment.get("exit_date").toString())
                .isEqualTo(LocalDate.of(2025, 9, 30).toString());
        assertThat(enrollment.get("destination")).isEqualTo(435);
        assertThat(enrollment.get("destination_subsidy_type")).isEqualTo(439);
    }

    @Test
    void fileWithoutRequiredColumnsIsRejectedWhole() throws Exception {
        String page = UploadJobPages.postAndWait(
                mvc,
                multipart("/housing/hmis/import")
                        .file(new MockMultipartFile(
                                "client", "Client.csv", "text/csv", "PersonalID,FirstName\nA,B\n".getBytes()))
                        .with(csrf()),
                user("admin").roles("ADMIN"));
        assertThat(page).contains("0 rows applied").contains("Client.csv line 1: missing columns LastName, DOB");
    }
}
