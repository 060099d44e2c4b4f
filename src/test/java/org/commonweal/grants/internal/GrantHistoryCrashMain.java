package org.commonweal.grants.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.coverage.x12.CrashImportMainAudit;
import org.commonweal.geography.Geography;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grants history import alone in its own JVM, for {@link GrantHistoryCrashIntegrationTests}: the same
 * {@link GrantHistoryImport} on the same database, killed half-way by the test. Arguments: JDBC URL, user, CSV file.
 */
public final class GrantHistoryCrashMain {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var importer = new GrantHistoryImport(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new GrantsAudit(new CrashImportMainAudit(jdbc)),
                // the demo's eight Service Planning Areas (geography/spas.csv)
                new Geography.Range(1, 8));
        try (var reader = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
            System.out.println(importer.importCsv(reader, "crash-test"));
        }
    }
}
