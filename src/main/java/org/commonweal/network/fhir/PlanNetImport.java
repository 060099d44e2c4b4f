package org.commonweal.network.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.network.imports.ImportProblem;
import org.commonweal.network.imports.ImportReport;
import org.commonweal.network.internal.LocationChanges;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads Plan-Net data produced by another server: a JSON Bundle, an NDJSON file, or a folder of NDJSON files (one
 * per resource type). All resources are read first so references can be resolved against the file and the
 * directory; a resource with an unknown reference, a parse error or a missing required element is reported (line,
 * field, reason) and skipped, the others are applied. Ids are kept, so a second import updates in place. Each
 * resource is kept as received besides its row ({@link ResourcesAsReceived}) and served back whole; one the strict
 * parser cannot read whole is rejected, never trimmed.
 */
@Service
public class PlanNetImport {

    /** The start of the {@code source} of entries this import wrote: {@code plannet FILE}. */
    static final String SOURCE = "plannet ";

    private final FhirContext fhir;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final LocationChanges locationChanges;

    PlanNetImport(
            FhirContext fhir,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            AuditTrail audit,
            LocationChanges locationChanges) {
        this.fhir = fhir;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.locationChanges = locationChanges;
    }

    record Parsed(String file, long line, Resource resource) {}

    public ImportReport importPath(Path path, String actor) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(f ->
                                f.toString().endsWith(".ndjson") || f.toString().endsWith(".json"))
                        .filter(f -> !f.getFileName().toString().equals("manifest.json"))
                        .sorted()
                        .toList();
            }
        } else {
            files = List.of(path);
        }
        for (Path file : files) {
            read(file, parsed, problems);
        }
        // every id in the file or already in the directory can be referred to
        Set<String> known = new HashSet<>();
        parsed.forEach(
                p -> known.add(p.resource().fhirType() + "/" + p.resource().getIdPart()));
        int applied = 0;
        int rejected = problems.size();
        for (Parsed p : parsed) {
            int before = problems.size();
            Map<String, Object> row = row(p, problems);
            if (row == null) {
                rejected++;
                continue;
            }
            for (var ref : PlanNetRows.references(p.resource())) {
                if (!known.contains(ref.target()) && !exists(ref.target())) {
                    problems.add(new ImportProblem(
                            p.line(), p.resource().fhirType() + "." + ref.path(), "unknown reference " + ref.target()));
                }
            }
            if (problems.size() > before) {
                rejected++;
                continue;
            }
            row.put("resource_json", ResourcesAsReceived.keep(p.resource()));
            ResourceTable table = PlanNetTables.require(p.resource().fhirType());
            tx.executeWithoutResult(s -> upsert(table, row, SOURCE + p.file()));
            applied++;
        }
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.IMPORT,
                        "plannet-import",
                        path.getFileName().toString(),
                        null,
                        "directory maintenance",
                        applied + " resources applied, " + rejected + " rejected"));
        return new ImportReport(path.toString(), applied, rejected, List.copyOf(problems));
    }

    private void read(Path file, List<Parsed> parsed, List<ImportProblem> problems) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".ndjson")) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                readNdjson(parser(), name, reader, parsed, problems);
            }
            return;
        }
        readJson(parser(), name, Files.readString(file), parsed, problems);
    }

    /** An NDJSON file: one resource a line, each parsed on its own. */
    static void readNdjson(
            IParser parser, String name, BufferedReader reader, List<Parsed> parsed, List<ImportProblem> problems)
            throws IOException {
        String line;
        long n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (!line.isBlank()) {
                parse(parser, name, n, line, parsed, problems);
            }
        }
    }

    /** A JSON file: a Bundle (each entry numbered from 1) or one resource. */
    static void readJson(IParser parser, String name, String json, List<Parsed> parsed, List<ImportProblem> problems) {
        Resource resource = resource(parser, json, 1, name, problems);
        if (resource == null) {
            return;
        }
        if (resource instanceof Bundle bundle) {
            int entry = 0;
            for (var e : bundle.getEntry()) {
                entry++;
                accept(name, entry, e.getResource(), parsed, problems);
            }
        } else {
            accept(name, 1, resource, parsed, problems);
        }
    }

    private static void parse(
            IParser parser, String file, long line, String json, List<Parsed> parsed, List<ImportProblem> problems) {
        Resource resource = resource(parser, json, line, file, problems);
        if (resource != null) {
            accept(file, line, resource, parsed, problems);
        }
    }

    /**
     * The resource of one JSON text, or null with the problem reported. HAPI's parser answers most bad input with
     * DataFormatException, but not all: fuzzing found an extension with an empty key that makes it index an empty
     * string, so any failure of the parser itself is a located refusal of that resource, never a failed import.
     */
    private static Resource resource(
            IParser parser, String json, long line, String file, List<ImportProblem> problems) {
        try {
            return (Resource) parser.parseResource(json);
        } catch (DataFormatException | ClassCastException e) {
            problems.add(new ImportProblem(line, file, "not a FHIR JSON resource: " + e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(new ImportProblem(
                    line,
                    file,
                    "not a FHIR JSON resource (the FHIR parser failed on it: "
                            + e.getClass().getSimpleName() + ")"));
        }
        return null;
    }

    /** The read model's row of a parsed resource, or null when a required element is missing (then reported). */
    static Map<String, Object> row(Parsed p, List<ImportProblem> problems) {
        try {
            return PlanNetRows.toRow(p.resource());
        } catch (IllegalArgumentException e) {
            problems.add(new ImportProblem(p.line(), p.resource().fhirType(), e.getMessage()));
            return null;
        }
    }

    private static void accept(
            String file, long line, Resource resource, List<Parsed> parsed, List<ImportProblem> problems) {
        if (resource == null) {
            problems.add(new ImportProblem(line, file, "entry without a resource"));
        } else if (PlanNetTables.table(resource.fhirType()).isEmpty()) {
            problems.add(new ImportProblem(line, resource.fhirType(), "not a Plan-Net directory resource type"));
        } else if (!resource.hasIdElement() || resource.getIdPart() == null) {
            problems.add(new ImportProblem(line, resource.fhirType() + ".id", "is required"));
        } else {
            parsed.add(new Parsed(file, line, resource));
        }
    }

    /**
     * A strict parser: an element that is not FHIR, or a value of the wrong type, rejects the resource with its reason
     * instead of being dropped, since what is kept is served back whole.
     */
    private IParser parser() {
        return fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    private boolean exists(String reference) {
        int slash = reference.indexOf('/');
        var table = PlanNetTables.table(reference.substring(0, slash));
        return table.isPresent()
                && !jdbc.queryForList(
                                "select 1 from " + table.get().table() + " where id = ?",
                                reference.substring(slash + 1))
                        .isEmpty();
    }

    /** The locations whose listing this resource's change may alter: before the change (its old references). */
    private LocationChanges.Snapshot affectedLocations(ResourceTable table, Map<String, Object> row) {
        String id = (String) row.get("id");
        List<String> ids = new ArrayList<>();
        switch (table.type()) {
            case "Location" -> ids.add(id);
            case "PractitionerRole" -> {
                ids.addAll(locationChanges.locationsOfRoles(List.of(id)));
                ids.add((String) row.get("location_id"));
            }
            case "Practitioner" -> ids.addAll(locationChanges.locationsOfPractitioner(id));
            case "OrganizationAffiliation" -> {
                ids.addAll(locationChanges.locationsOfAffiliation(id));
                if (row.get("location_ids") instanceof String[] locations) {
                    ids.addAll(List.of(locations));
                }
            }
            case "Organization" -> ids.addAll(locationChanges.locationsOfOrganizations(List.of(id)));
            default -> {}
        }
        return locationChanges.locations(ids);
    }

    private void upsert(ResourceTable table, Map<String, Object> row, String source) {
        var locations = affectedLocations(table, row);
        Map<String, Object> values = new LinkedHashMap<>(row);
        values.put("source", source);
        values.put("verified_on", java.time.LocalDate.now());
        values.put("verified_by", source);
        List<String> columns = new ArrayList<>(values.keySet());
        String placeholders = String.join(", ", columns.stream().map(c -> "?").toList());
        List<String> changing = columns.stream().filter(c -> !c.equals("id")).toList();
        String updates = String.join(
                ", ", changing.stream().map(c -> c + " = excluded." + c).toList());
        // a resource received again unchanged (a rerun after a crash, the same file sent twice) is left as it is:
        // no new version, no history entry, no change published
        String changed = "("
                + String.join(", ", changing.stream().map(c -> "t." + c).toList()) + ") is distinct from ("
                + String.join(", ", changing.stream().map(c -> "excluded." + c).toList()) + ")";
        int written = jdbc.update(
                "insert into " + table.table() + " as t (" + String.join(", ", columns)
                        + ") values (" + placeholders + ") on conflict (id) do update set " + updates
                        + ", version = t.version + 1, last_updated = now() where " + changed,
                values.values().toArray());
        if (written == 0) {
            return;
        }
        jdbc.update(
                "insert into network.entry_history (resource_type, resource_id, version, changed_by, source, change,"
                        + " snapshot) select ?, t.id, t.version, ?, ?, case when t.version = 1 then 'created' else 'updated'"
                        + " end, to_jsonb(t) from " + table.table() + " t where t.id = ?",
                table.type(),
                source,
                source,
                row.get("id"));
        locations.publishChanges();
    }
}
