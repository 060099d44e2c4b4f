package org.commonweal.geography.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Language;
import org.commonweal.geography.Region;
import org.commonweal.geography.ZipArea;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the geography files at start-up (classpath defaults, or files named in configuration for another plan),
 * writes them to the {@code geography} schema for SQL distance queries, and answers look-ups from memory.
 */
@Service
class GeographyReference implements Geography {

    private final JdbcClient jdbc;
    private final Map<String, ZipArea> zips;
    private final Map<Integer, Region> spas;
    private final Map<Integer, Region> regions;
    private final Map<String, Language> languages;

    GeographyReference(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ResourceLoader resources,
            @Value("${commonweal.geography.zips:classpath:geography/la-county-zips.csv}") String zipFile,
            @Value("${commonweal.geography.spas:classpath:geography/spas.csv}") String spaFile,
            @Value("${commonweal.geography.regions:classpath:geography/rcac-regions.csv}") String regionFile,
            @Value("${commonweal.geography.languages:classpath:geography/languages.csv}") String languageFile) {
        this.jdbc = jdbc;
        this.spas = index(read(resources.getResource(spaFile), GeographyReference::region), Region::number);
        this.regions = index(read(resources.getResource(regionFile), GeographyReference::region), Region::number);
        this.languages = index(
                read(
                        resources.getResource(languageFile),
                        f -> new Language(f[0].trim(), f[1].trim(), f[2].trim(), Boolean.parseBoolean(f[3].trim()))),
                Language::code);
        this.zips = index(read(resources.getResource(zipFile), GeographyReference::zipArea), ZipArea::zip);
        tx.executeWithoutResult(status -> store());
    }

    private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
        Map<K, V> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(key.apply(v), v));
        return Collections.unmodifiableMap(map);
    }

    private static <T> List<T> read(Resource resource, Function<String[], T> row) {
        List<T> rows = new ArrayList<>();
        try (var reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(row.apply(line.split(",", -1)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            resource.getDescription() + " line " + number + ": " + e.getMessage() + " (header " + header
                                    + ")",
                            e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getDescription(), e);
        }
        return rows;
    }

    private static Region region(String[] f) {
        return new Region(Integer.parseInt(f[0].trim()), f[1].trim());
    }

    private static ZipArea zipArea(String[] f) {
        return new ZipArea(
                f[0].trim(),
                new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                f[3].trim(),
                f[4].trim(),
                Integer.parseInt(f[5].trim()),
                Integer.parseInt(f[6].trim()),
                Integer.parseInt(f[7].trim()));
    }

    private void store() {
        spas.values().forEach(s -> jdbc.sql("""
                insert into geography.spa (spa, name) values (?, ?)
                on conflict (spa) do update set name = excluded.name""").params(s.number(), s.name()).update());
        regions.values().forEach(r -> jdbc.sql("""
                insert into geography.rcac_region (region, name) values (?, ?)
                on conflict (region) do update set name = excluded.name""").params(r.number(), r.name()).update());
        zips.values()
                .forEach(z -> jdbc.sql("""
                insert into geography.zip_area
                    (zip, latitude, longitude, city, county_fips, spa, rcac_region, population_weight)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (zip) do update set latitude = excluded.latitude, longitude = excluded.longitude,
                    city = excluded.city, county_fips = excluded.county_fips, spa = excluded.spa,
                    rcac_region = excluded.rcac_region, population_weight = excluded.population_weight""")
                        .params(
                                z.zip(),
                                z.centroid().latitude(),
                                z.centroid().longitude(),
                                z.city(),
                                z.countyFips(),
                                z.spa(),
                                z.rcacRegion(),
                                z.populationWeight())
                        .update());
    }

    @Override
    public Optional<ZipArea> zip(String zip) {
        if (zip == null) {
            return Optional.empty();
        }
        String five = zip.trim();
        if (five.length() > 5 && five.charAt(5) == '-') {
            five = five.substring(0, 5);
        } else if (five.length() == 9) {
            five = five.substring(0, 5);
        }
        return Optional.ofNullable(zips.get(five));
    }

    @Override
    public List<ZipArea> zips() {
        return List.copyOf(zips.values());
    }

    @Override
    public List<Region> servicePlanningAreas() {
        return List.copyOf(spas.values());
    }

    @Override
    public List<Region> rcacRegions() {
        return List.copyOf(regions.values());
    }

    @Override
    public Optional<Region> servicePlanningArea(int number) {
        return Optional.ofNullable(spas.get(number));
    }

    @Override
    public List<Language> languages() {
        return List.copyOf(languages.values());
    }

    @Override
    public Optional<Language> language(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(languages.get(code.trim()));
    }

    @Override
    public Optional<Region> rcacRegion(int number) {
        return Optional.ofNullable(regions.get(number));
    }

    @Override
    public List<ZipDistance> zipsWithin(GeoPoint point, double miles) {
        double metres = miles * GeoPoint.METRES_PER_MILE;
        return jdbc.sql("""
                select zip, earth_distance(ll_to_earth(:lat, :lon), ll_to_earth(latitude, longitude)) as metres
                from geography.zip_area
                where earth_box(ll_to_earth(:lat, :lon), :metres) @> ll_to_earth(latitude, longitude)
                  and earth_distance(ll_to_earth(:lat, :lon), ll_to_earth(latitude, longitude)) <= :metres
                order by metres""")
                .param("lat", point.latitude())
                .param("lon", point.longitude())
                .param("metres", metres)
                .query((rs, n) -> new ZipDistance(
                        zips.get(rs.getString("zip")), rs.getDouble("metres") / GeoPoint.METRES_PER_MILE))
                .list();
    }
}
