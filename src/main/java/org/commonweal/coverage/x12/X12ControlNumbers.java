package org.commonweal.coverage.x12;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Control numbers of the interchanges we send (999, TA1, 271): ISA13, GS06 and the 999's ST02 come from the
 * database sequence {@code coverage.x12_control}, so they are unique across the instances of a cluster and across
 * restarts (a clock in seconds is not: two refusals in the same second used to share one).
 */
@Component
public class X12ControlNumbers {

    private final JdbcClient jdbc;

    public X12ControlNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number, 1 to 999,999,999 (the sequence cycles). */
    public long next() {
        return jdbc.sql("select nextval('coverage.x12_control')")
                .query(Long.class)
                .single();
    }
}
