package org.commonweal.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.ClassUtils;

/**
 * Quality's import commands on the one import-command support (#19): the exit-code table of docs/operations.md (3 when
 * records were rejected, 4 when nothing was applied or the file is missing, 2 for wrong words), where they had their
 * own (0 with rejected lines, 1 for a refused or missing file).
 */
@IntegrationTest
class QualityImportCommandsIntegrationTests {

    @Autowired
    List<OperationalCommand> commands;

    @TempDir
    Path dir;

    private OperationalCommand command(String name) {
        return commands.stream()
                .filter(c -> ClassUtils.getUserClass(c)
                        .getAnnotation(CommandSpec.class)
                        .name()
                        .equals(name))
                .findFirst()
                .orElseThrow();
    }

    private int run(String name, String... words) throws Exception {
        return command(name).run(CommandArgs.parse(List.of(words), Set.of(), Set.of()));
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void theImportCommandsStandOnTheSharedSupport() {
        for (String name :
                List.of("import-837", "import-supplemental", "import-clinical", "import-performance-levels")) {
            assertThat(command(name)).as(name).isInstanceOf(ImportCommand.class);
        }
    }

    @Test
    void supplementalDataExitsByTheOneTable() throws Exception {
        String rejected = file(
                "labs.csv",
                "member_id,cin,loinc,value,unit,collected_on,performing_org\n"
                        + "NO-SUCH-MEMBER,,4548-4,7.1,%,2026-01-05,Quest Diagnostics\n");
        assertThat(run("import-supplemental", "labs", rejected))
                .as("a rejected line")
                .isEqualTo(3);
        String wrongHeader = file("wrong.csv", "member,loinc,value\nX,4548-4,7\n");
        assertThat(run("import-supplemental", "labs", wrongHeader))
                .as("refused whole")
                .isEqualTo(4);
        assertThat(run(
                        "import-supplemental",
                        "immunizations",
                        dir.resolve("absent.csv").toString()))
                .as("missing")
                .isEqualTo(4);
        assertThatThrownBy(() -> run("import-supplemental", "blood", rejected))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("labs or immunizations");
        assertThatThrownBy(() -> run("import-supplemental", "labs")).isInstanceOf(UsageException.class);
    }

    @Test
    void clinicalDataExitsByTheOneTable() throws Exception {
        String notFhir = file("not-fhir.json", "{\"resourceType\": \"Nonsense\"}");
        assertThat(run("import-clinical", "bundle", notFhir))
                .as("refused whole")
                .isEqualTo(4);
        assertThat(run("import-clinical", "ndjson", dir.resolve("absent.ndjson").toString()))
                .as("missing")
                .isEqualTo(4);
        assertThatThrownBy(() -> run("import-clinical", "csv", notFhir))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("bundle or ndjson");
        assertThatThrownBy(() -> run("withdraw-clinical", "first")).isInstanceOf(UsageException.class);
        assertThat(run("withdraw-clinical", "999999999")).as("no such source").isEqualTo(4);
    }

    @Test
    void performanceLevelsAndClaimsExitByTheOneTable() throws Exception {
        String bad = file(
                "levels.csv",
                "measure_id,measurement_year,minimum_rate,high_rate,better,source\nCMS122v12,20x6,not,a,number,x\n");
        assertThat(run("import-performance-levels", bad)).as("refused whole").isEqualTo(4);
        assertThat(run("import-837", dir.resolve("absent.837").toString()))
                .as("missing")
                .isEqualTo(4);
        assertThatThrownBy(() -> run("import-performance-levels", bad, bad)).isInstanceOf(UsageException.class);
    }
}
