package org.commonweal.demo;

/** Receives the rows of a PostgreSQL COPY, one value per column, in column order. */
@FunctionalInterface
public interface CopyRows {

    /**
     * Adds a row. Values may be {@code null}, strings, numbers, booleans, {@code java.time} values, UUIDs or string
     * arrays (written as PostgreSQL array literals).
     */
    void row(Object... values);
}
