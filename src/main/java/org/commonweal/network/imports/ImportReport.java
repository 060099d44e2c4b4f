package org.commonweal.network.imports;

import java.util.List;

/** What an import did: records applied, records rejected with their problems. */
public record ImportReport(String file, int applied, int rejected, List<ImportProblem> problems) {}
