package org.commonweal.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A watched folder under {@code COMMONWEAL_DATA_DIR/inbox/<kind>} (the 834's, the 837's): the files waiting in it,
 * oldest first, and where each goes once imported: {@code processed/} or {@code rejected/}, with its acknowledgment
 * (999) beside it. The module that owns the kind polls it on one instance of the cluster ({@link ClusterJobs}).
 */
public record InboxFolder(Path folder) {

    /** {@code COMMONWEAL_DATA_DIR/inbox/<kind>}. */
    public static InboxFolder of(RuntimeMode mode, String kind) {
        return new InboxFolder(mode.dataDirectory().resolve("inbox").resolve(kind));
    }

    /** The regular files waiting in the folder (created when missing), oldest first. */
    public List<Path> waiting() throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            dir.forEach(files::add);
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return a.compareTo(b);
            }
        });
        return files;
    }

    /**
     * Moves an imported {@code file} to {@code rejected/} or {@code processed/}, and writes {@code acknowledgment}
     * (when not null) beside it as {@code <name>.<extension>}; returns the folder it went to.
     */
    public Path done(Path file, boolean rejected, String acknowledgment, String extension) throws IOException {
        Path target = folder.resolve(rejected ? "rejected" : "processed");
        Files.createDirectories(target);
        Path moved = Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        if (acknowledgment != null) {
            Files.writeString(target.resolve(moved.getFileName() + "." + extension), acknowledgment);
        }
        return target;
    }
}
