package org.commonweal.geography.street;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzing (Jazzer) of the two readers {@code load-geocoder} runs over files an operator downloads: the dBASE
 * attribute table and the shapefile of the TIGER/Line address ranges. Each input gives records or an
 * {@link IOException} that names the file or the record and says what is wrong; never an unchecked exception
 * (index, negative size, arithmetic) or a hang. Seeds under {@code TigerFilesFuzzTestsInputs/}: the hand-made fixture
 * of {@link TigerFilesTests}; {@code ./mvnw verify} replays them and every finding kept beside them.
 */
class TigerFilesFuzzTests {

    /** More records than any seed has: a reader that does not stop at the end of its input is a finding. */
    private static final int MOST_RECORDS = 10_000;

    @FuzzTest(maxDuration = "2m")
    void dbf(byte[] input) {
        Path file = write(input, "fuzz.dbf");
        try (Dbf dbf = new Dbf(file, StandardCharsets.UTF_8)) {
            assertThat(dbf.records()).isNotNegative();
            int read = 0;
            Map<String, String> record;
            while ((record = dbf.next()) != null) {
                assertThat(record.size()).isLessThanOrEqualTo(dbf.fields().size());
                assertThat(++read).as("records read").isLessThanOrEqualTo(Math.min(dbf.records(), MOST_RECORDS));
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void shp(byte[] input) {
        Path file = write(input, "fuzz.shp");
        try (ShpPolylines shp = new ShpPolylines(file)) {
            int read = 0;
            ShpPolylines.Line line;
            while ((line = shp.next()) != null) {
                assertThat(line.lons()).hasSameSizeAs(line.lats());
                assertThat(++read).as("shapes read").isLessThanOrEqualTo(MOST_RECORDS);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
        }
    }

    private static final Path DIR = directory();

    private static Path directory() {
        try {
            return Files.createTempDirectory("tiger-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(byte[] input, String name) {
        try {
            return Files.write(DIR.resolve(name), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
