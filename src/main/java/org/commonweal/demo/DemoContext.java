package org.commonweal.demo;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a generator gets: the scale, seeded randomness, realistic people and places, and fast COPY loading. */
public interface DemoContext {

    DemoScale scale();

    long seed();

    /** A random source for one named stream, so adding a stream never changes the others' data. */
    Random random(String stream);

    /** Realistic residents of the service area, drawn from {@code random}. */
    DemoPeople people();

    JdbcClient jdbc();

    /**
     * Loads rows into {@code table} with PostgreSQL {@code COPY FROM STDIN}, streaming; inside a generator's run, in the run's one transaction
     * (a dataset is written whole or not at all), otherwise in a transaction of its own.
     *
     * @return the number of rows written
     */
    long copy(String table, List<String> columns, Consumer<CopyRows> rows);
}
