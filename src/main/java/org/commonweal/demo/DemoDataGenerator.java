package org.commonweal.demo;

import java.util.List;

/**
 * A module's demo data. Generators run in {@link #order()}, each once per dataset; the same seed always gives the
 * same data.
 */
public interface DemoDataGenerator {

    /** A unique name, usually the module's, for example {@code coverage}. */
    String name();

    /** Lower runs first; a generator that reads another module's demo data through its API runs after it. */
    default int order() {
        return 100;
    }

    /**
     * Every table {@link #reset} empties, schema-qualified. Before a reset they are checked for rows the generator
     * did not write (imported, entered by users): a generator whose tables hold any is left alone, unless
     * {@code generate --force} is confirmed. A generator that writes no table (only caches) returns an empty list.
     */
    List<String> tables();

    /**
     * Removes what {@link #generate} wrote, so it can run again at another scale or seed, or after a run that failed
     * half-way. Runs before every generation, also on an empty database.
     */
    void reset(DemoContext context) throws Exception;

    /** Writes the demo data and returns how many rows it wrote. */
    long generate(DemoContext context) throws Exception;
}
