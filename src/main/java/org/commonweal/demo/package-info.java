/**
 * The synthetic-data framework: deterministic (seeded), realistic for the service area, loaded with PostgreSQL COPY.
 * Each module plugs in a {@link DemoDataGenerator}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Demo data",
        allowedDependencies = {"platform", "geography"})
package org.commonweal.demo;
