package org.commonweal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The published JSON Schemas in {@code ../shared/schemas/<folder>} (CommonGrants YAML, HSDS 3.0 JSON), read from
 * disk only: every {@code $ref} between the files resolves to a file beside it, nothing is fetched. Format
 * assertions ({@code date-time}, {@code uuid}, {@code uri}, {@code time}…) are on, so a value of the right type but
 * the wrong shape fails. When the folder is absent (a clone without {@code shared/} beside it) the test is skipped
 * with the reason, as the Plan-Net validation test does.
 */
public final class PublishedSchemas {

    private static final String BASE = "https://published-schemas.invalid/";

    private final Path folder;
    private final SchemaRegistry registry;

    private PublishedSchemas(Path folder) {
        this.folder = folder;
        // the files are served under a made-up base IRI from disk: relative $refs resolve beside them, no fetching
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(iri -> iri.startsWith(BASE) ? read(folder.resolve(iri.substring(BASE.length()))) : null));
    }

    /** The schemas of {@code ../shared/schemas/<name>}, or the test is skipped (JUnit assumption) when absent. */
    public static PublishedSchemas of(String name) {
        Path folder = Path.of("..", "shared", "schemas", name).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(folder), "Published schemas not found at " + folder
                + " (expected ../shared/schemas beside the project): contract test skipped");
        return new PublishedSchemas(folder);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The errors of {@code json} against the schema file {@code file} (e.g. {@code OpportunityBase.yaml}). */
    public List<String> errors(String file, String json) {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No schema " + path);
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + file));
        List<Error> errors = schema.validate(json, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(e -> file + " " + e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
