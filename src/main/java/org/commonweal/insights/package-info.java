/**
 * Equity insights: coverage, access, community programs and investment by SPA, RCAC region and population group,
 * read from the other modules' aggregate APIs into summary tables; map, trends, comparisons, gaps, exports and a
 * region brief, with small cells suppressed.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Equity insights",
        allowedDependencies = {
            "platform",
            "identity",
            "audit",
            "geography",
            "demo",
            "shell",
            "coverage",
            "adequacy",
            "centers",
            "engagement",
            "grants",
            "housing",
            "quality"
        })
package org.commonweal.insights;
