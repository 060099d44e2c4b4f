package org.commonweal.housing.hmis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HMIS import alone in its own JVM, for {@link HmisCrashIntegrationTests}: the same {@link HmisImport} on the same
 * database, killed half-way by the test. Arguments: JDBC URL, user, Client.csv.
 */
public final class HmisCrashMain {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var importer = new HmisImport(
                jdbc, new HmisRecords(jdbc), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        try (var reader = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
            var report = importer.run(reader, null, null);
            System.out.println(
                    report.applied() + " applied, " + report.problems().size() + " problems");
        }
    }
}
