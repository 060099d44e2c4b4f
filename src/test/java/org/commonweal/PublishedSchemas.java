package org.commonweal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    private PublishedSchemas(Path folder, List<String> publishedBases) {
        this.folder = folder;
        // the files are served under a made-up base IRI from disk: relative $refs resolve beside them, no fetching;
        // absolute $refs to where the publisher hosts the same files are read from the folder too
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(iri -> {
                    if (iri.startsWith(BASE)) {
                        return read(folder.resolve(iri.substring(BASE.length())));
                    }
                    for (String base : publishedBases) {
                        if (iri.startsWith(base)) {
                            return readPublished(iri.substring(base.length()));
                        }
                    }
                    return null;
                }));
    }

    /**
     * A file the publisher hosts at {@code <base>rest}: the copy in the folder; where the copy holds only the
     * uncompiled schemas ({@code compiled/service.json}, {@code compiled/service_list.json}), the object's schema of
     * the same name, whose {@code $ref}s reach the same nested schemas.
     */
    private String readPublished(String rest) {
        Path exact = folder.resolve(rest);
        if (Files.isRegularFile(exact)) {
            return read(exact);
        }
        String name = Path.of(rest).getFileName().toString().replace("_list.json", ".json");
        return read(folder.resolve(name));
    }

    /** The schemas of {@code ../shared/schemas/<name>}, or the test is skipped (JUnit assumption) when absent. */
    public static PublishedSchemas of(String name, String... publishedBases) {
        Path folder = Path.of("..", "shared", "schemas", name).toAbsolutePath().normalize();
        assumeTrue(
                Files.isDirectory(folder),
                "Published schemas not found at " + folder
                        + " (expected ../shared/schemas beside the project): contract test skipped");
        return new PublishedSchemas(folder, List.of(publishedBases));
    }

    /** Where Open Referral hosts the HSDS 3.0 schema files that its openapi.json refers to. */
    public static final String HSDS_HOSTED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

    /** The response schema an OpenAPI file ({@code openapi.json}) gives for a 200 to GET {@code path}, as a pointer. */
    public static String openApiResponse(String path) {
        return "openapi.json#/paths/"
                + path.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D")
                + "/get/responses/200/content/application~1json/schema";
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The errors of {@code json} against the schema file {@code file} (e.g. {@code OpportunityBase.yaml}), or a part of
     * it by JSON pointer ({@code openapi.json#/components/schemas/Page}).
     */
    public List<String> errors(String file, String json) {
        Path path = folder.resolve(file.contains("#") ? file.substring(0, file.indexOf('#')) : file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No schema " + path);
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + file));
        List<Error> errors = schema.validate(
                json,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream()
                .map(e -> file + " " + e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }
}
