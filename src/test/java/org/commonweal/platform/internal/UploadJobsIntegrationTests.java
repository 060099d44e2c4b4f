package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commonweal.IntegrationTest;
import org.commonweal.network.imports.ImportProblem;
import org.commonweal.network.imports.ImportReport;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.platform.UploadJobs;
import org.commonweal.platform.UploadJobs.State;
import org.commonweal.platform.UploadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Upload jobs are rows of {@code platform.upload_job}: a job is read back from the table by another {@link UploadJobs}
 * (an application started again) with its typed result; a job whose instance stopped renewing it (a restart) shows
 * as failed with its reason on the page, where the form to upload again is; only the uploader sees a job. Jobs run on the real bounded pool:
 * one worker, no queue, so a second upload while the first runs is refused.
 */
@IntegrationTest
class UploadJobsIntegrationTests {

    @TempDir
    Path dir;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    final PooledUploadTasks tasks = new PooledUploadTasks(1, 0);

    @AfterEach
    void stop() {
        tasks.stop();
    }

    private UploadJobs jobs(UploadTasks pool, String process) {
        return new UploadJobs(pool, new RuntimeMode(false, dir, false), jdbc, process);
    }

    @Test
    void jobGoesFromRunningToDoneForItsOwnerOnlyAndAFullPoolRefusesAndDeletesTheFile() throws Exception {
        UploadJobs jobs = jobs(tasks, "p1-" + UUID.randomUUID());
        Path first = Files.writeString(dir.resolve("a.csv"), "x");
        Path second = Files.writeString(dir.resolve("b.csv"), "y");
        var release = new CountDownLatch(1);
        String id = jobs.start(
                "a",
                "ana",
                () -> {
                    release.await(10, TimeUnit.SECONDS);
                    return 42;
                },
                first,
                null);
        assertThat(jobs.find(id, "ana").orElseThrow().finished()).isFalse();
        assertThat(jobs.find(id, "bob")).isEmpty();

        assertThatThrownBy(() -> jobs.start("b", "ana", () -> 1, second)).isInstanceOf(UploadTasks.Busy.class);
        assertThat(second).doesNotExist();
        assertThat(jdbc.sql("select count(*) from platform.upload_job where name = 'b' and owner = 'ana'")
                        .query(Integer.class)
                        .single())
                .as("a refused upload keeps no job")
                .isZero();

        release.countDown();
        UploadJobs.Job done = await(jobs, id);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.result()).isEqualTo(42);
        assertThat(done.interrupted()).isFalse();
        assertThat(first).doesNotExist();
    }

    @Test
    void aRejectedFileFailsWithItsReasonAndAnyOtherErrorWithoutOne() throws Exception {
        // a queue here: a job reads as ended a moment before its worker is free again
        var queued = new PooledUploadTasks(1, 4);
        UploadJobs jobs = jobs(queued, "p2-" + UUID.randomUUID());
        UploadJobs.Job rejected = await(jobs, jobs.start("a", "ana", () -> {
            throw new IllegalArgumentException("Client.csv line 1: missing columns DOB");
        }));
        assertThat(rejected.state()).isEqualTo(State.FAILED);
        assertThat(rejected.problem()).isEqualTo("Client.csv line 1: missing columns DOB");
        assertThat(rejected.result()).isNull();

        UploadJobs.Job broken = await(jobs, jobs.start("b", "ana", () -> {
            throw new java.io.IOException("member Rosa Delgado");
        }));
        assertThat(broken.state()).isEqualTo(State.FAILED);
        assertThat(broken.problem()).isNull();
        queued.stop();
    }

    @Test
    void aFinishedJobIsReadBackWithItsReportByTheApplicationStartedAgain() throws Exception {
        UploadJobs before = jobs(tasks, "before-" + UUID.randomUUID());
        ImportReport report =
                new ImportReport("roster.csv", 3, 1, List.of(new ImportProblem(4, "npi", "must be 10 digits")));
        String id = before.start("roster roster.csv", "ana", () -> report);
        await(before, id);

        UploadJobs after = jobs(new PooledUploadTasks(1, 0), "after-" + UUID.randomUUID());
        after.recoverInterrupted();
        UploadJobs.Job read = after.find(id, "ana").orElseThrow();
        assertThat(read.state()).isEqualTo(State.DONE);
        assertThat(read.result()).isEqualTo(report);
        assertThat(after.find(id, "bob")).isEmpty();
        assertThat(after.find("not-a-uuid", "ana")).isEmpty();
    }

    @Test
    void aJobARestartInterruptedIsFailedWithItsReasonAndItsFileDeleted() throws Exception {
        UploadJobs before = jobs(tasks, "crashed-" + UUID.randomUUID());
        Path stored = Files.writeString(dir.resolve("c.csv"), "z");
        var release = new CountDownLatch(1);
        String id = before.start(
                "c",
                "ana",
                () -> {
                    release.await(10, TimeUnit.SECONDS);
                    return 7;
                },
                stored);

        UploadJobs after = jobs(new PooledUploadTasks(1, 0), "restarted-" + UUID.randomUUID());
        assertThat(after.recoverInterrupted())
                .as("a running job whose instance still renews it is left alone")
                .isZero();
        assertThat(after.find(id, "ana").orElseThrow().state()).isEqualTo(State.RUNNING);
        // its instance stops renewing it (the process is gone): two minutes later it is stale
        jdbc.sql("update platform.upload_job set heartbeat_at = now() - interval '3 minutes' where id = :id")
                .param("id", UUID.fromString(id))
                .update();
        assertThat(after.recoverInterrupted()).isEqualTo(1);
        UploadJobs.Job job = after.find(id, "ana").orElseThrow();
        assertThat(job.state()).isEqualTo(State.FAILED);
        assertThat(job.interrupted()).isTrue();
        assertThat(job.result()).isNull();
        assertThat(stored).doesNotExist();

        // the work of the old process ending afterwards does not undo what the restart recorded
        release.countDown();
        Thread.sleep(300);
        assertThat(after.find(id, "ana").orElseThrow().interrupted()).isTrue();
        assertThat(after.find(id, "ana").orElseThrow().state()).isEqualTo(State.FAILED);
    }

    @Test
    void theRosterJobPageOfAnInterruptedJobSaysSoInItsLanguageToItsUploaderOnly() throws Exception {
        UUID id = UUID.randomUUID();
        // a job of an instance that stopped five minutes ago: its page finds it stale and says so
        jdbc.sql("insert into platform.upload_job (id, name, owner, state, instance, heartbeat_at) values"
                        + " (:id, 'roster r.csv', 'network-manager', 'RUNNING', 'a process that ended',"
                        + " now() - interval '5 minutes')")
                .param("id", id)
                .update();

        String english = page("/network/roster/jobs/" + id, Locale.ENGLISH);
        assertThat(english)
                .contains("stopped by a restart of the application")
                .contains("upload the file again")
                .contains("action=\"/network/roster\"")
                .doesNotContain("id=\"upload-job-pending\"");
        assertThat(page("/network/roster/jobs/" + id, Locale.forLanguageTag("es")))
                .contains("la aplicación se reinició");

        mvc.perform(get("/network/roster/jobs/" + id).with(user("someone-else").roles("NETWORK_MANAGER")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theRosterJobPageShowsAReportReadFromTheTable() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into platform.upload_job (id, name, owner, state, instance, result_type, result, ended_at)"
                        + " values (:id, 'roster r.csv', 'network-manager', 'DONE', 'a process that ended', :type,"
                        + " cast(:result as jsonb), now())")
                .param("id", id)
                .param("type", ImportReport.class.getName())
                .param(
                        "result",
                        "{\"file\":\"r.csv\",\"applied\":5,\"rejected\":1,"
                                + "\"problems\":[{\"line\":7,\"field\":\"npi\",\"reason\":\"must be 10 digits\"}]}")
                .update();
        String page = page("/network/roster/jobs/" + id, Locale.ENGLISH);
        assertThat(page)
                .contains("id=\"roster-report\"")
                .contains("must be 10 digits")
                .contains(">7<");
    }

    private String page(String path, Locale locale) throws Exception {
        return mvc.perform(get(path).locale(locale).with(user("network-manager").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static UploadJobs.Job await(UploadJobs jobs, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            UploadJobs.Job job = jobs.find(id, "ana").orElseThrow();
            if (job.finished()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
