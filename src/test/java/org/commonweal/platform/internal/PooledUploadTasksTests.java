package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commonweal.platform.UploadTasks;
import org.junit.jupiter.api.Test;

class PooledUploadTasksTests {

    @Test
    void runsTasksOffTheCallersThreadAndRefusesWhenWorkersAndQueueAreFull() throws Exception {
        var tasks = new PooledUploadTasks(1, 1);
        try {
            var release = new CountDownLatch(1);
            var ran = new CountDownLatch(2);
            String[] thread = new String[1];
            tasks.submit("first", () -> {
                thread[0] = Thread.currentThread().getName();
                await(release);
                ran.countDown();
            });
            tasks.submit("queued", ran::countDown);
            assertThatThrownBy(() -> tasks.submit("third", () -> {}))
                    .isInstanceOf(UploadTasks.Busy.class)
                    .hasMessageContaining("third not started");
            release.countDown();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread[0]).startsWith("upload-");
            // room again once the queue has drained
            var after = new CountDownLatch(1);
            tasks.submit("after", after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            tasks.stop();
        }
    }

    @Test
    void aFailingTaskDoesNotKillTheWorker() throws Exception {
        var tasks = new PooledUploadTasks(1, 4);
        try {
            tasks.submit("broken", () -> {
                throw new IllegalStateException("member 123 in line 4");
            });
            var next = new CountDownLatch(1);
            tasks.submit("next", next::countDown);
            assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            tasks.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
