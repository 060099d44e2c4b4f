package org.commonweal.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads whose import runs on {@link UploadTasks} while the page that received them answers at once: the request
 * {@linkplain #store stores} the file(s) under the data directory and {@linkplain #start starts} a job; the page then
 * polls {@link #find} for queued / running / done and the result. Stored files are deleted when the job ends. Jobs are
 * kept in memory (the last {@value #KEPT}); each is visible only to the user who uploaded it.
 */
@Component
public class UploadJobs {

    static final int KEPT = 200;

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
     * of a rejected file (an {@link IllegalArgumentException}'s message, written for the user) or null.
     */
    public record Job(String id, State state, Object result, String problem) {

        public boolean finished() {
            return state.finished();
        }
    }

    private final UploadTasks tasks;
    private final Path uploads;
    private final Map<String, Running> jobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Running> eldest) {
            return size() > KEPT;
        }
    };

    public UploadJobs(UploadTasks tasks, RuntimeMode mode) {
        this.tasks = tasks;
        this.uploads = mode.dataDirectory().resolve("uploads");
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
     * nothing was started.
     */
    public String start(String name, String owner, Callable<?> work, Path... stored) {
        String id = UUID.randomUUID().toString();
        Running entry = new Running(owner);
        synchronized (jobs) {
            jobs.put(id, entry);
        }
        try {
            tasks.submit(name, () -> {
                entry.state = State.RUNNING;
                try {
                    entry.result = work.call();
                    entry.state = State.DONE;
                } catch (IllegalArgumentException e) {
                    entry.problem = e.getMessage();
                    entry.state = State.FAILED;
                } catch (Exception e) {
                    entry.state = State.FAILED;
                    throw e instanceof RuntimeException r
                            ? r
                            : new IllegalStateException(e.getClass().getSimpleName());
                } finally {
                    delete(stored);
                }
            });
        } catch (UploadTasks.Busy e) {
            synchronized (jobs) {
                jobs.remove(id);
            }
            delete(stored);
            throw e;
        }
        return id;
    }

    /** The job {@code id} if it exists and {@code owner} started it. */
    public Optional<Job> find(String id, String owner) {
        Running entry;
        synchronized (jobs) {
            entry = jobs.get(id);
        }
        if (entry == null || !entry.owner.equals(owner)) {
            return Optional.empty();
        }
        State state = entry.state;
        return Optional.of(new Job(id, state, state == State.DONE ? entry.result : null, entry.problem));
    }

    private static void delete(Path[] stored) {
        for (Path path : stored) {
            if (path != null) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the next clean-up of the data directory; the name carries no member data
                }
            }
        }
    }

    private static final class Running {

        final String owner;
        volatile State state = State.QUEUED;
        volatile Object result;
        volatile String problem;

        Running(String owner) {
            this.owner = owner;
        }
    }
}
