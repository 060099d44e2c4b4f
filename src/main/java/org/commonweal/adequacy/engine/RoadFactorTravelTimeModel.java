package org.commonweal.adequacy.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.adequacy.TravelTimeModel;
import org.commonweal.geography.ZipArea;

/**
 * The default travel-time model: road miles = great-circle miles × a road-distance factor, driven at an average speed,
 * both by the area type of the residence ZIP. The area type comes from an estimate of the ZIP's population density:
 * its population over a disc whose diameter is the distance to the nearest other ZIP centroid. Urban ≥ 3,000 people per
 * square mile, suburban ≥ 500, rural below.
 */
public final class RoadFactorTravelTimeModel implements TravelTimeModel {

    public enum AreaType {
        URBAN(1.35, 20),
        SUBURBAN(1.25, 30),
        RURAL(1.2, 45);

        final double roadFactor;
        final double milesPerHour;

        AreaType(double roadFactor, double milesPerHour) {
            this.roadFactor = roadFactor;
            this.milesPerHour = milesPerHour;
        }
    }

    static final double URBAN_DENSITY = 3000;
    static final double SUBURBAN_DENSITY = 500;

    private final Map<String, AreaType> areaTypes = new HashMap<>();

    public RoadFactorTravelTimeModel(List<ZipArea> zips) {
        for (ZipArea zip : zips) {
            double nearest = Double.POSITIVE_INFINITY;
            for (ZipArea other : zips) {
                if (other != zip) {
                    nearest = Math.min(nearest, zip.centroid().milesTo(other.centroid()));
                }
            }
            double radius = Double.isInfinite(nearest) ? 5 : Math.max(0.5, nearest / 2);
            double density = zip.populationWeight() / (Math.PI * radius * radius);
            areaTypes.put(
                    zip.zip(),
                    density >= URBAN_DENSITY
                            ? AreaType.URBAN
                            : density >= SUBURBAN_DENSITY ? AreaType.SUBURBAN : AreaType.RURAL);
        }
    }

    public AreaType areaType(ZipArea zip) {
        return zip == null ? AreaType.SUBURBAN : areaTypes.getOrDefault(zip.zip(), AreaType.SUBURBAN);
    }

    @Override
    public String name() {
        return "road-factor-v1";
    }

    @Override
    public String parameters() {
        StringBuilder s = new StringBuilder(
                "density urban>=" + (int) URBAN_DENSITY + "/sq mi, suburban>=" + (int) SUBURBAN_DENSITY + "/sq mi;");
        for (AreaType t : AreaType.values()) {
            s.append(' ')
                    .append(t.name().toLowerCase())
                    .append(" x")
                    .append(t.roadFactor)
                    .append(" @")
                    .append((int) t.milesPerHour)
                    .append("mph");
        }
        return s.toString();
    }

    @Override
    public double minutes(double miles, ZipArea residence) {
        AreaType type = areaType(residence);
        return miles * type.roadFactor / type.milesPerHour * 60;
    }
}
