package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.platform.UploadJobs;
import org.commonweal.platform.UploadJobs.State;
import org.commonweal.platform.UploadTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs on the real bounded pool: one worker, no queue, so a second upload while the first runs is refused. */
class UploadJobsTests {

    @TempDir
    Path dir;

    final PooledUploadTasks tasks = new PooledUploadTasks(1, 0);

    @AfterEach
    void stop() {
        tasks.stop();
    }

    @Test
    void jobGoesFromRunningToDoneForItsOwnerOnlyAndAFullPoolRefusesAndDeletesTheFile() throws Exception {
        UploadJobs jobs = new UploadJobs(tasks, new RuntimeMode(false, dir, false));
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

        release.countDown();
        UploadJobs.Job done = await(jobs, id);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.result()).isEqualTo(42);
        assertThat(first).doesNotExist();
    }

    @Test
    void aRejectedFileFailsWithItsReasonAndAnyOtherErrorWithoutOne() throws Exception {
        // a queue here: a job reads as ended a moment before its worker is free again
        var queued = new PooledUploadTasks(1, 4);
        UploadJobs jobs = new UploadJobs(queued, new RuntimeMode(false, dir, false));
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
