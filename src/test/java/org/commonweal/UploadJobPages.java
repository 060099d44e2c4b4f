package org.commonweal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Posts an upload whose import runs on {@code platform.UploadJobs} and follows it as a browser does: the post answers
 * at once with a redirect to the job's page, which is polled until it no longer shows the pending block.
 */
public final class UploadJobPages {

    private UploadJobPages() {}

    /** The job's page once the import has ended (done or failed); fails after 60 s. */
    public static String postAndWait(
            MockMvc mvc, AbstractMockHttpServletRequestBuilder<?> upload, RequestPostProcessor user) throws Exception {
        String job = postAndWaitForJob(mvc, upload, user);
        assertThat(job).as("the upload answers at once with its job's page").contains("/");
        return poll(mvc, job, user);
    }

    /** The job's address once the import has ended (done or failed), to read its page as another reader would. */
    public static String postAndWaitForJob(
            MockMvc mvc, AbstractMockHttpServletRequestBuilder<?> upload, RequestPostProcessor user) throws Exception {
        String job = mvc.perform(upload.with(user))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        poll(mvc, job, user);
        return job;
    }

    /** The page {@code job} once it no longer shows the pending block; fails after 60 s. */
    public static String poll(MockMvc mvc, String job, RequestPostProcessor user) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String page = mvc.perform(get(job).with(user))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            if (!page.contains("id=\"upload-job-pending\"")) {
                return page;
            }
            assertThat(System.nanoTime())
                    .as("import of %s still pending after 60 s", job)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
