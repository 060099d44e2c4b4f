package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The four upload forms that share {@link UploadJobPage} (provider roster, HMIS, 837, lab and immunization CSV):
 * when every upload worker is busy and the queue full, each answers 503 with its own form again and the "try again"
 * notice, in the reader's language, and starts nothing.
 */
@IntegrationTest
class UploadJobPageIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UploadTasks tasks;

    private static MockMultipartFile file(String field, String name, String content) {
        return new MockMultipartFile(field, name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    private Runnable blocker;

    /**
     * Fills the pool (every worker and every queue place) right before the upload: a task of an earlier test class
     * that ends meanwhile frees a place, which a blocker then takes, so the upload meets a full pool every time.
     */
    private void fill() {
        while (true) {
            try {
                tasks.submit("blocker", blocker);
            } catch (UploadTasks.Busy full) {
                return;
            }
        }
    }

    private String busy(MockMultipartHttpServletRequestBuilder upload, RequestPostProcessor user) throws Exception {
        fill();
        return mvc.perform(upload.header("Accept-Language", "es").with(csrf()).with(user))
                .andExpect(status().isServiceUnavailable())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyUploadFormAnswers503WithItsFormWhenTheWorkersAreBusy() throws Exception {
        var release = new CountDownLatch(1);
        blocker = () -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        var admin = user("admin").roles("ADMIN");
        try {
            assertThat(busy(
                            multipart("/network/roster").file(file("file", "r.csv", "npi\n")),
                            user("nm-busy").roles("NETWORK_MANAGER")))
                    .contains("id=\"upload-busy\"", "intente de nuevo en unos minutos", "action=\"/network/roster\"");
            assertThat(busy(
                            multipart("/housing/hmis/import").file(file("client", "Client.csv", "PersonalID\nA\n")),
                            admin))
                    .contains("id=\"upload-busy\"", "intente de nuevo en unos minutos", "id=\"hmis-import-form\"");
            assertThat(busy(multipart("/quality/claims").file(file("file", "c.837", "ISA*")), admin))
                    .contains("id=\"upload-busy\"", "intente de nuevo en unos minutos", "id=\"claim-upload-form\"");
            assertThat(busy(
                            multipart("/quality/supplemental")
                                    .file(file("file", "labs.csv", "member_id\n"))
                                    .param("kind", "labs"),
                            admin))
                    .contains("id=\"upload-busy\"", "intente de nuevo en unos minutos", "id=\"supplemental-form\"");
        } finally {
            release.countDown();
        }
    }
}
