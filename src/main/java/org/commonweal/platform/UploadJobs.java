package org.commonweal.platform;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads whose import runs on {@link UploadTasks} while the page that received them answers at once: the request
 * {@linkplain #store stores} the file(s) under the data directory and {@linkplain #start starts} a job; the page then
 * polls {@link #find} for queued / running / done and the result. Stored files are deleted when the job ends.
 *
 * <p>Jobs are rows of {@code platform.upload_job} (owner, state, the result as JSON, the problem), so a job's page
 * outlives a restart. The instance running a job renews its heartbeat every {@value #HEARTBEAT_SECONDS} s; a queued or
 * running job whose heartbeat is older than {@value #STALE_SECONDS} s lost its instance (a restart, a crash: the work
 * was in that process's memory) and is marked failed and {@linkplain Job#interrupted() interrupted}, its stored
 * files deleted, when the application starts or when its page is read; the uploader reads that and uploads again.
 * Several instances may share the table: each renews only its own jobs. Each job is visible only to the user who
 * uploaded it. Finished jobs are kept {@value #KEPT_DAYS} days.
 */
@Component
public class UploadJobs {

    static final int KEPT_DAYS = 30;
    static final int HEARTBEAT_SECONDS = 30;
    static final int STALE_SECONDS = 120;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** This process: a job started by another process and not finished was interrupted by a restart. */
    private static final String PROCESS = UUID.randomUUID().toString();

    /** Where a job is. */
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED;

        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    /**
     * One upload's job: its result once {@link State#DONE}; when {@link State#FAILED}, {@code problem} is the reason
     * of a rejected file (an {@link IllegalArgumentException}'s message, written for the user) or null, and
     * {@code interrupted} says that a restart of the application stopped it (nothing of it was lost but the work:
     * the file can be uploaded again).
     */
    public record Job(String id, State state, Object result, String problem, boolean interrupted) {

        public boolean finished() {
            return state.finished();
        }
    }

    private final UploadTasks tasks;
    private final Path uploads;
    private final JdbcClient jdbc;
    private final String instance;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upload-job-heartbeat");
        t.setDaemon(true);
        return t;
    });

    @Autowired
    public UploadJobs(UploadTasks tasks, RuntimeMode mode, JdbcClient jdbc) {
        this(tasks, mode, jdbc, PROCESS);
    }

    /** With the name of the process the jobs belong to (tests play a restarted application with another one). */
    public UploadJobs(UploadTasks tasks, RuntimeMode mode, JdbcClient jdbc, String instance) {
        this.tasks = tasks;
        this.uploads = mode.dataDirectory().resolve("uploads");
        this.jdbc = jdbc;
        this.instance = Objects.requireNonNull(instance);
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Renews the heartbeat of this instance's queued and running jobs. */
    void beat() {
        try {
            jdbc.sql("update platform.upload_job set heartbeat_at = now()"
                            + " where instance = :instance and state in ('QUEUED', 'RUNNING')")
                    .param("instance", instance)
                    .update();
        } catch (RuntimeException e) {
            // the database is away: the next beat renews them; a job is stale only after several missed beats
        }
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
    }

    /** Copies an uploaded file (even an empty one) to {@code uploads/<kind>/} and returns where; null for no file. */
    public Path store(String kind, MultipartFile file) throws IOException {
        if (file == null) {
            return null;
        }
        Path folder = Files.createDirectories(uploads.resolve(kind));
        Path stored = folder.resolve(UUID.randomUUID() + ".upload");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, stored);
        }
        return stored;
    }

    /**
     * Queues {@code work} for {@code owner} and returns the job's id. The {@code stored} files (nulls ignored) are
     * deleted when the work ends, or at once when the queue is full: then {@link UploadTasks.Busy} is thrown and
     * nothing was started (no job is kept).
     */
    public String start(String name, String owner, Callable<?> work, Path... stored) {
        UUID id = UUID.randomUUID();
        String[] files = Arrays.stream(stored)
                .filter(Objects::nonNull)
                .map(p -> p.toAbsolutePath().toString())
                .toArray(String[]::new);
        jdbc.sql("insert into platform.upload_job (id, name, owner, state, instance, files)"
                        + " values (:id, :name, :owner, 'QUEUED', :instance, :files)")
                .param("id", id)
                .param("name", name.length() > 300 ? name.substring(0, 300) : name)
                .param("owner", owner)
                .param("instance", instance)
                .param("files", files)
                .update();
        try {
            tasks.submit(name, () -> {
                jdbc.sql("update platform.upload_job set state = 'RUNNING' where id = :id and state = 'QUEUED'")
                        .param("id", id)
                        .update();
                try {
                    Object result = work.call();
                    end(id, State.DONE, result, null);
                } catch (IllegalArgumentException e) {
                    end(id, State.FAILED, null, e.getMessage());
                } catch (Exception e) {
                    end(id, State.FAILED, null, null);
                    throw e instanceof RuntimeException r
                            ? r
                            : new IllegalStateException(e.getClass().getSimpleName());
                } finally {
                    delete(files);
                }
            });
        } catch (UploadTasks.Busy e) {
            jdbc.sql("delete from platform.upload_job where id = :id")
                    .param("id", id)
                    .update();
            delete(files);
            throw e;
        }
        return id.toString();
    }

    /** The job {@code id} if it exists and {@code owner} started it. */
    public Optional<Job> find(String id, String owner) {
        UUID key;
        try {
            key = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (int attempt = 0; ; attempt++) {
            var row = jdbc.sql("select state, result_type, result::text as result, problem, interrupted,"
                            + " state in ('QUEUED', 'RUNNING') and heartbeat_at < now() - make_interval(secs => :stale)"
                            + " as stale from platform.upload_job where id = :id and owner = :owner")
                    .param("id", key)
                    .param("owner", owner)
                    .param("stale", STALE_SECONDS)
                    .query((rs, n) -> {
                        State state = State.valueOf(rs.getString("state"));
                        Object result =
                                state == State.DONE ? read(rs.getString("result_type"), rs.getString("result")) : null;
                        return new Row(
                                new Job(id, state, result, rs.getString("problem"), rs.getBoolean("interrupted")),
                                rs.getBoolean("stale"));
                    })
                    .optional();
            if (row.isEmpty() || !row.get().stale() || attempt > 0) {
                return row.map(Row::job);
            }
            recoverInterrupted();
        }
    }

    private record Row(Job job, boolean stale) {}

    /**
     * Marks the queued and running jobs whose instance stopped renewing them failed and interrupted, deletes their
     * stored files, and forgets finished jobs older than {@value #KEPT_DAYS} days. Runs when the application has
     * started, and when a page reads a job gone stale.
     *
     * @return how many jobs were interrupted
     */
    public int recoverInterrupted() {
        beat();
        List<String[]> files = jdbc.sql("update platform.upload_job set state = 'FAILED', interrupted = true,"
                        + " ended_at = now() where state in ('QUEUED', 'RUNNING')"
                        + " and heartbeat_at < now() - make_interval(secs => :stale) returning files")
                .param("stale", STALE_SECONDS)
                .query((rs, n) -> (String[]) rs.getArray("files").getArray())
                .list();
        files.forEach(UploadJobs::delete);
        jdbc.sql("delete from platform.upload_job where ended_at < now() - make_interval(days => :days)")
                .param("days", KEPT_DAYS)
                .update();
        return files.size();
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        recoverInterrupted();
    }

    private void end(UUID id, State state, Object result, String problem) {
        String json = result == null ? null : JSON.writeValueAsString(result);
        jdbc.sql("update platform.upload_job set state = :state, result_type = :type, result = cast(:result as jsonb),"
                        + " problem = :problem, ended_at = now() where id = :id and not interrupted")
                .param("state", state.name())
                .param("type", result == null ? null : result.getClass().getName())
                .param("result", json)
                .param("problem", problem)
                .param("id", id)
                .update();
    }

    /** A stored result as its own type; only the application's and the JDK's value types are read. */
    private static Object read(String type, String json) {
        if (type == null || json == null) {
            return null;
        }
        if (!type.startsWith("org.commonweal.") && !type.startsWith("java.lang.")) {
            throw new IllegalStateException("an upload result of an unexpected type: " + type);
        }
        try {
            return JSON.readValue(json, Class.forName(type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("an upload result of a type no longer known: " + type, e);
        }
    }

    private static void delete(String[] stored) {
        for (String path : stored) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException e) {
                // left for the next clean-up of the data directory; the name carries no member data
            }
        }
    }
}
