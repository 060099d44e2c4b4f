package org.commonweal.geography.street;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.Geography;
import org.commonweal.geography.StreetGeocoder;
import org.commonweal.geography.ZipArea;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The street geocoder over {@code geography.street_range}: the street by its base key (directions and the written
 * street type made alike), the house number inside a range on a side of that parity, then the city or ZIP when
 * given. The point is interpolated along the edge's line between the range's ends (the "from" number at the edge's
 * first point, as TIGER/Line draws it). Matches more than {@value #SAME_PLACE_METRES} m apart with nothing to choose
 * between them count as not found rather than a guess.
 */
@Component
class TigerStreetGeocoder implements StreetGeocoder {

    static final double SAME_PLACE_METRES = 1500;

    record Match(String fullName, int from, int to, String zip, double[] lons, double[] lats) {}

    private final JdbcClient jdbc;
    private final Geography geography;

    TigerStreetGeocoder(JdbcClient jdbc, Geography geography) {
        this.jdbc = jdbc;
        this.geography = geography;
    }

    @Override
    public Optional<Geocoded> locate(String address) {
        var parsed = StreetNames.parse(address).orElse(null);
        if (parsed == null) {
            return Optional.empty();
        }
        int n = parsed.number();
        String base = parsed.baseKey();
        List<Match> found = jdbc.sql("""
                select full_name, name_key, from_hn, to_hn, zip, lons, lats from geography.street_range
                where (base_key = :base or (:untyped and base_key like :prefix))
                  and least(from_hn, to_hn) <= :n and greatest(from_hn, to_hn) >= :n
                  and (parity = 'B' or parity = :parity)
                order by zip, tlid, side limit 200""")
                .param("base", base)
                .param("untyped", !parsed.typed())
                .param("prefix", base + " %")
                .param("n", n)
                .param("parity", n % 2 == 0 ? "E" : "O")
                .query((rs, i) -> {
                    String key = rs.getString("name_key");
                    if (parsed.direction().isPresent()
                            && !hasDirection(key, parsed.direction().get())) {
                        return null;
                    }
                    return new Match(
                            rs.getString("full_name"),
                            rs.getInt("from_hn"),
                            rs.getInt("to_hn"),
                            rs.getString("zip"),
                            doubles(rs.getArray("lons")),
                            doubles(rs.getArray("lats")));
                })
                .list();
        List<Match> matches = new ArrayList<>();
        for (Match m : found) {
            if (m == null) {
                continue;
            }
            if (parsed.zip() != null && !parsed.zip().equals(m.zip())) {
                continue;
            }
            if (parsed.city() != null && !cityOf(m.zip()).equals(parsed.city())) {
                continue;
            }
            matches.add(m);
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        List<GeoPoint> points = matches.stream().map(m -> at(m, n)).toList();
        for (GeoPoint p : points) {
            if (p.milesTo(points.getFirst()) * GeoPoint.METRES_PER_MILE > SAME_PLACE_METRES) {
                return Optional.empty(); // the same number on the street in places far apart: not a guess
            }
        }
        Match m = matches.getFirst();
        var zip = m.zip() == null ? Optional.<ZipArea>empty() : geography.zip(m.zip());
        return Optional.of(new Geocoded(
                points.getFirst(),
                m.zip(),
                zip.map(ZipArea::spa).orElse(null),
                zip.map(ZipArea::rcacRegion).orElse(null),
                PRECISION));
    }

    private String cityOf(String zip) {
        return zip == null
                ? ""
                : geography.zip(zip).map(z -> StreetNames.cityKey(z.city())).orElse("");
    }

    private static boolean hasDirection(String key, String direction) {
        String[] words = key.split(" ");
        return words.length > 1 && (words[0].equals(direction) || words[words.length - 1].equals(direction));
    }

    /** The point of house number {@code n}: its share of the way from the range's first number to its last. */
    static GeoPoint at(Match m, int n) {
        double t = m.to() == m.from() ? 0.5 : (n - m.from()) / (double) (m.to() - m.from());
        return along(m.lons(), m.lats(), Math.max(0, Math.min(1, t)));
    }

    /** The point a share {@code t} (0 to 1) of the way along a line, by length (flat earth within an edge). */
    static GeoPoint along(double[] lons, double[] lats, double t) {
        double cos = Math.cos(Math.toRadians(lats[0]));
        double[] lengths = new double[lons.length - 1];
        double total = 0;
        for (int i = 0; i < lengths.length; i++) {
            double dx = (lons[i + 1] - lons[i]) * cos;
            double dy = lats[i + 1] - lats[i];
            lengths[i] = Math.sqrt(dx * dx + dy * dy);
            total += lengths[i];
        }
        double want = t * total;
        for (int i = 0; i < lengths.length; i++) {
            if (want <= lengths[i] || i == lengths.length - 1) {
                double f = lengths[i] == 0 ? 0 : Math.min(1, want / lengths[i]);
                return new GeoPoint(lats[i] + f * (lats[i + 1] - lats[i]), lons[i] + f * (lons[i + 1] - lons[i]));
            }
            want -= lengths[i];
        }
        return new GeoPoint(lats[0], lons[0]);
    }

    private static double[] doubles(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }
}
