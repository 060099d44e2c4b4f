package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

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
// A pool of its own (one worker, one queue place): in the full suite the shared context's pool took the roster upload
// although this test had just filled it (302 instead of 503; alone, and after the claim upload tests, it passed), so
// the test no longer shares the pool with the jobs of other classes.
@org.springframework.test.context.TestPropertySource(
        properties = {"commonweal.uploads.threads=1", "commonweal.uploads.queue=1"})
class UploadJobPageIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UploadTasks tasks;

    private static MockMultipartFile file(String field, String name, String content) {
        return new MockMultipartFile(field, name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    @org.springframework.beans.factory.annotation.Value("${commonweal.uploads.threads:2}")
    int workers;

    private Runnable blocker;
    private final java.util.concurrent.atomic.AtomicInteger blockersRunning =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Fills the pool right before the upload, and waits until every worker runs one of this test's blockers: tasks of
     * earlier test classes still queued or running (their uploads' jobs) would otherwise end meanwhile and free a
     * place that the upload then takes (302 instead of 503). A worker running a blocker frees nothing until released.
     */
    private void fill() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                tasks.submit("blocker", blocker);
            } catch (UploadTasks.Busy full) {
                if (blockersRunning.get() >= workers) return;
                assertThat(System.nanoTime())
                        .as("workers still busy with earlier tasks")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private String busy(MockMultipartHttpServletRequestBuilder upload, RequestPostProcessor user) throws Exception {
        fill();
        var response = mvc.perform(
                        upload.header("Accept-Language", "es").with(csrf()).with(user))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus())
                .as("status (redirected to %s)", response.getRedirectedUrl())
                .isEqualTo(503);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyUploadFormAnswers503WithItsFormWhenTheWorkersAreBusy() throws Exception {
        var release = new CountDownLatch(1);
        blocker = () -> {
            blockersRunning.incrementAndGet();
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
