package org.commonweal.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * The two pages of an upload that runs as a job ({@link UploadJobs}), the same for every upload form: the post starts
 * the job and redirects to its page, or, when the upload workers are all busy, answers 503 with the form again and
 * {@code busy} in the model; the job's page (only its uploader's: others get 404) carries {@code job},
 * {@code pollUrl} and {@code report} for the shell's {@code upload-job} fragments.
 */
public final class UploadJobPage {

    private final UploadJobs jobs;
    private final String jobsPath;

    /** Jobs shown at {@code jobsPath + id} (for example {@code /network/roster/jobs/}). */
    public UploadJobPage(UploadJobs jobs, String jobsPath) {
        this.jobs = jobs;
        this.jobsPath = jobsPath;
    }

    /**
     * Starts {@code work} as {@code owner}'s job and redirects to its page; when busy, 503 and the view {@code form}
     * gives (after adding what that page needs to the model).
     */
    public String start(
            String name,
            String owner,
            Callable<?> work,
            Model model,
            HttpServletResponse response,
            Supplier<String> form,
            Path... stored) {
        try {
            return "redirect:" + jobsPath + jobs.start(name, owner, work, stored);
        } catch (UploadTasks.Busy e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("busy", true);
            return form.get();
        }
    }

    /** The job's page as {@code view}: its state, where to poll, and its result once done; 404 for another user. */
    public String show(String id, Principal user, Model model, String view) {
        UploadJobs.Job job =
                jobs.find(id, user.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("job", job);
        model.addAttribute("pollUrl", jobsPath + id);
        model.addAttribute("report", job.result());
        return view;
    }
}
