package org.commonweal.demo;

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
     * Removes what {@link #generate} wrote, so it can run again at another scale or seed, or after a run that failed
     * half-way. Runs before every generation, also on an empty database.
     */
    void reset(DemoContext context) throws Exception;

    /** Writes the demo data and returns how many rows it wrote. */
    long generate(DemoContext context) throws Exception;
}
