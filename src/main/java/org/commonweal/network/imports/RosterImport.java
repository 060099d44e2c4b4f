package org.commonweal.network.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Address;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geocoder;
import org.commonweal.network.internal.LocationChanges;
import org.commonweal.platform.Csv;
import org.commonweal.platform.StorableText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a CSV provider roster. Each good row creates or updates the practitioner (by NPI), the medical group, the
 * location (by address) and the role, and adds the row's network to the role; bad rows are reported by line, field
 * and reason and change nothing. Importing the same file twice changes nothing the second time (ids derive from NPI
 * and address; versions only move when content changes). Every new version is kept in the entry history.
 */
@Service
public class RosterImport {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Geocoder geocoder;
    private final AuditTrail audit;
    private final LocationChanges locationChanges;

    RosterImport(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Geocoder geocoder,
            AuditTrail audit,
            LocationChanges locationChanges) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.geocoder = geocoder;
        this.audit = audit;
        this.locationChanges = locationChanges;
    }

    public ImportReport importRoster(String fileName, Reader input, String actor) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, String> networks = new HashMap<>();
        jdbc.sql("select product_line, id from network.organization where type_code = 'ntwk'")
                .query((rs, n) -> networks.put(rs.getString(1), rs.getString(2)))
                .list();
        int[] applied = {0};
        int[] unplaced = {0};
        int rejected = read(input, problems, (lineNo, row) -> {
            String networkId = networks.get(row.productLine());
            if (networkId == null) {
                problems.add(new ImportProblem(lineNo, "network", "the plan has no " + row.productLine() + " network"));
                unplaced[0]++;
                return;
            }
            var point = geocoder.geocode(new Address(row.address(), null, row.city(), "CA", row.zip()));
            if (point.isEmpty()) {
                problems.add(new ImportProblem(lineNo, "zip", row.zip() + " is outside the service area"));
                unplaced[0]++;
                return;
            }
            tx.executeWithoutResult(s -> apply(row, networkId, point.get().point(), fileName, actor));
            applied[0]++;
        });
        return finish(fileName, actor, applied[0], Math.max(rejected, 0) + unplaced[0], problems);
    }

    /** What becomes of each well-formed row of a roster. */
    interface Rows {
        void row(long line, RosterRow row);
    }

    /**
     * Reads a roster (RFC 4180 through platform's {@link Csv}): the header (every required column present), then each
     * row, parsed and checked field by field; a bad row is added to {@code problems} with its line, field and reason,
     * a good one handed to {@code rows}. Returns the number of rows rejected, or -1 when the file cannot be read as
     * CSV or the header is wrong (then no row is handed on).
     */
    static int read(Reader input, List<ImportProblem> problems, Rows rows) throws IOException {
        List<Csv.Row> records;
        try {
            records = Csv.read(input);
        } catch (Csv.Malformed e) {
            problems.add(new ImportProblem(e.line(), "row", "a quoted field is not closed; nothing applied"));
            return -1;
        }
        if (records.isEmpty()) {
            problems.add(new ImportProblem(1, "header", "the file is empty"));
            return -1;
        }
        List<String> columns = records.getFirst().values().stream()
                .map(c -> c.strip().toLowerCase(Locale.ROOT))
                .toList();
        int before = problems.size();
        List<String> header = records.getFirst().values();
        for (int i = 0; i < header.size(); i++) {
            // a column name is echoed in every problem about its field: it must be storable too (fuzzing found a
            // NUL in a header name that the problems' jsonb then refused)
            String problem = StorableText.problem(header.get(i));
            if (problem != null) {
                problems.add(new ImportProblem(1, "header", "column " + (i + 1) + " " + problem));
            }
        }
        if (problems.size() > before) {
            return -1;
        }
        for (String required : List.of(
                "npi",
                "last_name",
                "first_name",
                "specialty_taxonomy",
                "group_name",
                "address",
                "city",
                "zip",
                "network")) {
            if (!columns.contains(required)) {
                problems.add(new ImportProblem(1, required, "column missing from the header"));
            }
        }
        if (problems.size() > before) {
            return -1;
        }
        int rejected = 0;
        for (Csv.Row record : records.subList(1, records.size())) {
            long lineNo = record.line();
            if (record.blank()) {
                continue;
            }
            List<String> values = record.values();
            if (values.size() != columns.size()) {
                problems.add(new ImportProblem(
                        lineNo, "row", "has " + values.size() + " fields, the header has " + columns.size()));
                rejected++;
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            int unstorable = 0;
            for (int i = 0; i < columns.size(); i++) {
                fields.put(columns.get(i), values.get(i).strip());
                String problem = StorableText.problem(values.get(i));
                if (problem != null) {
                    problems.add(new ImportProblem(lineNo, columns.get(i), problem));
                    unstorable++;
                }
            }
            if (unstorable > 0) {
                rejected++;
                continue;
            }
            RosterRow row = RosterRow.parse(lineNo, fields, problems);
            if (row == null) {
                rejected++;
                continue;
            }
            rows.row(lineNo, row);
        }
        return rejected;
    }

    private void apply(RosterRow r, String networkId, GeoPoint point, String file, String actor) {
        String source = "roster " + file;
        String locationId = "loc-" + hash(r.address().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + "|" + r.zip());
        var locations = locationChanges.locations(List.of(locationId));
        String orgId = r.groupNpi() != null
                ? "org-" + r.groupNpi()
                : "org-" + hash(r.groupName().toLowerCase());
        jdbc.sql("""
                insert into network.organization (id, npi, name, type_code, kind, taxonomy_code, line, city, state,
                    postal_code, verified_on, verified_by, source)
                values (:id, :npi, :name, 'prvgrp', 'medical-group', '193200000X', :line, :city, 'CA', :zip,
                    current_date, :by, :source)
                on conflict (id) do update set
                    version = organization.version + case when organization.name is distinct from excluded.name
                        then 1 else 0 end,
                    last_updated = case when organization.name is distinct from excluded.name then now()
                        else organization.last_updated end,
                    name = excluded.name, verified_on = current_date, verified_by = excluded.verified_by
                """)
                .param("id", orgId)
                .param("npi", r.groupNpi())
                .param("name", r.groupName())
                .param("line", r.address())
                .param("city", r.city())
                .param("zip", r.zip())
                .param("by", source)
                .param("source", source)
                .update();
        String practitionerId = jdbc.sql("select id from network.practitioner where npi = ? order by id limit 1")
                .param(r.npi())
                .query(String.class)
                .optional()
                .orElse("npi-" + r.npi());
        jdbc.sql("""
                insert into network.practitioner (id, npi, family, given, suffix, gender, languages, license_number,
                    license_state, verified_on, verified_by, source)
                values (:id, :npi, :family, :given, :suffix, :gender, :languages, :license, 'CA', current_date, :by,
                    :source)
                on conflict (id) do update set
                    version = practitioner.version + case when (practitioner.family, practitioner.given,
                        practitioner.suffix, practitioner.gender, practitioner.languages, practitioner.license_number)
                        is distinct from (excluded.family, excluded.given, excluded.suffix, excluded.gender,
                        excluded.languages, excluded.license_number) then 1 else 0 end,
                    last_updated = case when (practitioner.family, practitioner.given, practitioner.suffix,
                        practitioner.gender, practitioner.languages, practitioner.license_number)
                        is distinct from (excluded.family, excluded.given, excluded.suffix, excluded.gender,
                        excluded.languages, excluded.license_number) then now() else practitioner.last_updated end,
                    family = excluded.family, given = excluded.given, suffix = excluded.suffix,
                    gender = excluded.gender, languages = excluded.languages, license_number = excluded.license_number,
                    verified_on = current_date, verified_by = excluded.verified_by
                """)
                .param("id", practitionerId)
                .param("npi", r.npi())
                .param("family", r.lastName())
                .param("given", r.firstName())
                .param("suffix", r.credential())
                .param("gender", r.gender())
                .param("languages", r.languages().toArray(String[]::new))
                .param("license", r.licenseNumber())
                .param("by", source)
                .param("source", source)
                .update();
        jdbc.sql("""
                insert into network.location (id, name, type_code, organization_id, line, city, state, postal_code,
                    latitude, longitude, phone, verified_on, verified_by, source)
                values (:id, :name, 'OF', :org, :line, :city, 'CA', :zip, :lat, :lon, :phone, current_date, :by,
                    :source)
                on conflict (id) do update set
                    version = location.version + case when (location.name, location.phone) is distinct from
                        (excluded.name, excluded.phone) then 1 else 0 end,
                    last_updated = case when (location.name, location.phone) is distinct from
                        (excluded.name, excluded.phone) then now() else location.last_updated end,
                    name = excluded.name, phone = excluded.phone, verified_on = current_date,
                    verified_by = excluded.verified_by
                """)
                .param("id", locationId)
                .param("name", r.locationName())
                .param("org", orgId)
                .param("line", r.address())
                .param("city", r.city())
                .param("zip", r.zip())
                .param("lat", point.latitude())
                .param("lon", point.longitude())
                .param("phone", r.phone())
                .param("by", source)
                .param("source", source)
                .update();
        // one role per practitioner, location, specialty and network: Plan-Net roles carry one network each
        String roleId = "role-" + r.npi() + "-" + locationId.substring(4) + "-" + r.specialty() + "-" + r.productLine();
        jdbc.sql("""
                insert into network.practitioner_role (id, practitioner_id, organization_id, location_id, network_ids,
                    role_code, specialty, accepting, telehealth, period_start, period_end, verified_on, verified_by,
                    source)
                values (:id, :practitioner, :org, :location, array[:network], :role, :specialty, :accepting,
                    :telehealth, :start, :end, current_date, :by, :source)
                on conflict (id) do update set
                    version = practitioner_role.version + case when (practitioner_role.accepting,
                        practitioner_role.telehealth, practitioner_role.period_start, practitioner_role.period_end)
                        is distinct from (excluded.accepting, excluded.telehealth, excluded.period_start,
                        excluded.period_end) then 1 else 0 end,
                    last_updated = case when (practitioner_role.accepting, practitioner_role.telehealth,
                        practitioner_role.period_start, practitioner_role.period_end) is distinct from
                        (excluded.accepting, excluded.telehealth, excluded.period_start, excluded.period_end)
                        then now() else practitioner_role.last_updated end,
                    accepting = excluded.accepting, telehealth = excluded.telehealth,
                    period_start = excluded.period_start, period_end = excluded.period_end,
                    verified_on = current_date, verified_by = excluded.verified_by
                """)
                .param("id", roleId)
                .param("practitioner", practitionerId)
                .param("org", orgId)
                .param("location", locationId)
                .param("network", networkId)
                .param("role", roleCode(r.credential()))
                .param("specialty", r.specialty())
                .param("accepting", r.accepting())
                .param("telehealth", r.telehealth())
                .param("start", r.effective())
                .param("end", r.end())
                .param("by", source)
                .param("source", source)
                .update();
        for (String[] entry : List.of(
                new String[] {"Practitioner", "network.practitioner", practitionerId},
                new String[] {"Location", "network.location", locationId},
                new String[] {"PractitionerRole", "network.practitioner_role", roleId},
                new String[] {"Organization", "network.organization", orgId})) {
            EntryHistory.record(jdbc, entry[0], entry[1], entry[2], actor, source);
        }
        locations.publishChanges();
    }

    private ImportReport finish(String file, String actor, int applied, int rejected, List<ImportProblem> problems) {
        jdbc.sql("insert into network.import_run (kind, file_name, started_by, applied, rejected, errors)"
                        + " values ('roster', ?, ?, ?, ?, ?::jsonb)")
                .params(file, actor, applied, rejected, problemsJson(problems))
                .update();
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.IMPORT,
                        "provider-roster",
                        file,
                        null,
                        "directory maintenance",
                        applied + " rows applied, " + rejected + " rejected"));
        return new ImportReport(file, applied, rejected, List.copyOf(problems));
    }

    /** The first 1,000 problems as the JSON array kept with the import run: {@code [{"line","field","reason"}]}. */
    static String problemsJson(List<ImportProblem> problems) {
        StringBuilder errors = new StringBuilder("[");
        for (ImportProblem p : problems.subList(0, Math.min(problems.size(), 1000))) {
            errors.append(errors.length() > 1 ? "," : "")
                    .append("{\"line\":")
                    .append(p.line())
                    .append(",\"field\":\"")
                    .append(json(p.field()))
                    .append("\",\"reason\":\"")
                    .append(json(p.reason()))
                    .append("\"}");
        }
        return errors.append(']').toString();
    }

    private static String roleCode(String credential) {
        if (credential == null) {
            return "ph";
        }
        return switch (credential.toUpperCase(Locale.ROOT)) {
            case "NP" -> "crnp";
            case "PA" -> "pa";
            case "PHARMD" -> "rx";
            case "PHD", "PSYD" -> "py";
            case "LCSW" -> "sw";
            case "LMFT" -> "mt";
            default -> "ph";
        };
    }

    /** A JSON string's content (RFC 8259: quote, backslash and every control character escaped). */
    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
