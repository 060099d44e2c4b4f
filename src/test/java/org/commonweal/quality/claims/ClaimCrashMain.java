package org.commonweal.quality.claims;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import javax.sql.DataSource;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.TestPlans;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 837 import alone in its own JVM, for the crash test: the same {@link ClaimImport} with coverage's own facade
 * implementation and the audit trail's (built by reflection: they are internal to their modules) on the same
 * database. Arguments after the JDBC URL
 * and user: the file and the chunk size.
 */
public final class ClaimCrashMain {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        System.out.print(claimImport(dataSource, Integer.parseInt(args[3]))
                .importFile(Path.of(args[2]), "crash-test")
                .summary());
    }

    /** The import as the application builds it, on this data source (also the benchmark's). */
    static ClaimImport claimImport(DataSource dataSource, int chunk) throws Exception {
        return claimImport(dataSource, chunk, java.time.Duration.ofSeconds(5));
    }

    /** The same, waiting at most {@code lockWait} for another instance's claim on a file. */
    static ClaimImport claimImport(DataSource dataSource, int chunk, java.time.Duration lockWait) throws Exception {
        var jdbc = JdbcClient.create(dataSource);
        var template = new JdbcTemplate(dataSource);
        var auditConstructor = Class.forName("org.commonweal.audit.internal.JdbcAuditTrail")
                .getDeclaredConstructor(JdbcClient.class, DataSource.class);
        auditConstructor.setAccessible(true);
        var audit = (AuditTrail) auditConstructor.newInstance(jdbc, dataSource);
        var membersClass = Class.forName("org.commonweal.coverage.internal.Members");
        var membersConstructor = membersClass.getDeclaredConstructor(JdbcClient.class, JdbcTemplate.class);
        membersConstructor.setAccessible(true);
        var members = membersConstructor.newInstance(jdbc, template);
        var coverageConstructor = Class.forName("org.commonweal.coverage.internal.JdbcCoverage")
                .getDeclaredConstructor(membersClass, AuditTrail.class, PlanIdentity.class);
        coverageConstructor.setAccessible(true);
        var coverage = (Coverage) coverageConstructor.newInstance(
                members,
                audit,
                TestPlans.plan(
                        "Commonweal",
                        "Commonweal",
                        "COMMONWEAL",
                        ZoneId.of("America/Los_Angeles"),
                        Currency.getInstance("USD"),
                        "Los Angeles",
                        "06037",
                        "19",
                        "CA",
                        "California"));
        var directoryConstructor = Class.forName("org.commonweal.network.internal.JdbcNetworkDirectory")
                .getDeclaredConstructor(JdbcTemplate.class);
        directoryConstructor.setAccessible(true);
        var claims = new ClaimImport(
                jdbc,
                template,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                coverage,
                audit,
                (org.commonweal.network.NetworkDirectory) directoryConstructor.newInstance(template),
                chunk,
                lockWait);
        return claims;
    }
}
