/**
 * Community investment: the grants lifecycle of the Community Health Investment Fund, from program and funding cycle
 * through application, review with recusal, Board of Governors approval, award, payments, reports and closeout, and
 * the portfolio since 2000.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Grants",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell"})
package org.commonweal.grants;
