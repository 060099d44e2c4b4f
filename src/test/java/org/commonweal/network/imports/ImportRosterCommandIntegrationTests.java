package org.commonweal.network.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.CommandArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The roster command on the shared import-command support: exit codes of the one table, audit actor spelling. */
@IntegrationTest
class ImportRosterCommandIntegrationTests {

    @Autowired
    ImportRosterCommand command;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    static final String HEADER = "npi,last_name,first_name,credential,gender,languages,specialty_taxonomy,group_npi,"
            + "group_name,address,city,zip,phone,network,accepting_new_patients,telehealth\n";

    @Test
    void aRosterWithABadRowExitsThreeAndIsAuditedAsCommandColonImportRoster() throws Exception {
        String name = "roster-" + System.nanoTime() + ".csv";
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                HEADER
                        + "1972583466,Quintero,Rosa,MD,F,es;en,207Q00000X,1548263015,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,(323) 555-0101,medi-cal,Y,Y\n"
                        + "1972583468,Bad,Npi,MD,F,en,207Q00000X,,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,,medi-cal,Y,N\n");

        assertThat(command.run(CommandArgs.parse(List.of(file.toString()), Set.of(), Set.of())))
                .isEqualTo(3);
        assertThat(jdbc.sql(
                                "select username from audit.audit_event where entity_type = 'provider-roster' and entity_id = ?")
                        .param(name)
                        .query(String.class)
                        .list())
                .containsExactly("command:import-roster");

        assertThat(command.run(
                        CommandArgs.parse(List.of(dir.resolve("absent.csv").toString()), Set.of(), Set.of())))
                .isEqualTo(4);
    }
}
