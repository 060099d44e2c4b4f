package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commonweal.IntegrationTest;
import org.commonweal.UploadJobPages;
import org.commonweal.platform.UploadTasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The roster upload answers at once; its job page shows the report (line, field, reason) once the import ran. */
@IntegrationTest
class RosterUploadIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UploadTasks tasks;

    static final String HEADER = "npi,last_name,first_name,credential,gender,languages,specialty_taxonomy,group_npi,"
            + "group_name,address,city,zip,phone,network,accepting_new_patients,telehealth\n";

    @Test
    void uploadRunsAfterTheRequestAndItsPageShowsTheReportToItsUploaderOnly() throws Exception {
        String name = "roster-web-" + System.nanoTime() + ".csv";
        String csv = HEADER
                + "1972583466,Quintero,Rosa,MD,F,es;en,207Q00000X,1548263015,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,(323) 555-0101,medi-cal,Y,Y\n"
                + "1972583468,Bad,Npi,MD,F,en,207Q00000X,,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,,medi-cal,Y,N\n";
        var manager = user("nm-upload").roles("NETWORK_MANAGER");
        var upload = multipart("/network/roster")
                .file(new MockMultipartFile("file", name, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(csrf());
        String redirect = mvc.perform(upload.with(manager))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(redirect).startsWith("/network/roster/jobs/");
        // another manager cannot read this upload's job
        mvc.perform(get(redirect).with(user("nm-other").roles("NETWORK_MANAGER")))
                .andExpect(status().isNotFound());

        String page = UploadJobPages.postAndWait(
                mvc,
                multipart("/network/roster")
                        .file(new MockMultipartFile("file", name, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()),
                manager);
        assertThat(page)
                .contains("1 row applied, 1 rejected.")
                .contains("id=\"roster-report\"")
                .doesNotContain("upload-job-pending")
                .contains("<td>3</td>")
                .contains("<td>npi</td>");
        assertThat(jdbc.sql("select distinct username from audit.audit_event where entity_type = 'provider-roster'"
                                + " and entity_id = ?")
                        .param(name)
                        .query(String.class)
                        .list())
                .containsExactly("nm-upload");
    }

    @Test
    void whileWorkersAreBusyThePageSaysQueuedAndWhenTheQueueIsFullItSaysTryAgainInSpanish() throws Exception {
        var manager = user("nm-busy").roles("NETWORK_MANAGER");
        var release = new CountDownLatch(1);
        Runnable blocker = () -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        String job;
        try {
            tasks.submit("blocker", blocker);
            tasks.submit("blocker", blocker);
            job = mvc.perform(multipart("/network/roster")
                            .file(new MockMultipartFile(
                                    "file", "r.csv", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8)))
                            .with(csrf())
                            .with(manager))
                    .andExpect(status().is3xxRedirection())
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl();
            assertThat(mvc.perform(get(job).with(manager).header("Accept-Language", "es"))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("id=\"upload-job-pending\"")
                    .contains("hx-trigger=\"every 2s\"")
                    .contains("espera un proceso de importación libre")
                    .doesNotContain("roster-report");
            while (true) {
                try {
                    tasks.submit("filler", blocker);
                } catch (UploadTasks.Busy full) {
                    break;
                }
            }
            assertThat(mvc.perform(multipart("/network/roster")
                                    .file(new MockMultipartFile(
                                            "file", "r.csv", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8)))
                                    .header("Accept-Language", "es")
                                    .with(csrf())
                                    .with(manager))
                            .andExpect(status().isServiceUnavailable())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("id=\"upload-busy\"")
                    .contains("intente de nuevo en unos minutos");
        } finally {
            release.countDown();
        }
        String page = UploadJobPages.poll(mvc, job, manager);
        assertThat(page).contains("0 rows applied, 0 rejected.");
    }
}
