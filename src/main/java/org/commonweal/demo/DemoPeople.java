package org.commonweal.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;

/**
 * Draws realistic residents of Los Angeles County: ZIPs weighted by population, the county's mix of population
 * groups (about 49 % Latino, 25 % White, 15 % Asian, 8 % Black), languages that follow the group, and ages with the
 * young skew of a Medicaid membership.
 */
public final class DemoPeople {

    private static final String[] GROUPS = {"hispanic", "white", "asian", "black", "other"};
    private static final double[] GROUP_WEIGHTS = {49, 25, 15, 8, 3};

    private final List<ZipArea> zips;
    private final long[] cumulativeWeights;
    private final Map<String, String[]> names = new HashMap<>();
    private final String[] streets;
    private final LocalDate today;

    public DemoPeople(List<ZipArea> zips, LocalDate today) {
        this.zips = zips.stream().filter(z -> z.populationWeight() > 0).toList();
        this.cumulativeWeights = new long[this.zips.size()];
        long sum = 0;
        for (int i = 0; i < this.zips.size(); i++) {
            sum += this.zips.get(i).populationWeight();
            cumulativeWeights[i] = sum;
        }
        this.today = today;
        loadNames();
        this.streets = lines("demo/streets.txt").toArray(String[]::new);
    }

    /** A ZIP drawn with probability proportional to its population. */
    public ZipArea zip(Random random) {
        long pick = (long) (random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1]);
        int index = Arrays.binarySearch(cumulativeWeights, pick + 1);
        return zips.get(index >= 0 ? index : -index - 1);
    }

    /** A point within about a mile of the ZIP centroid. */
    public GeoPoint near(ZipArea zip, Random random) {
        return new GeoPoint(
                zip.centroid().latitude() + (random.nextDouble() - 0.5) * 0.03,
                zip.centroid().longitude() + (random.nextDouble() - 0.5) * 0.03);
    }

    /** A person with the age mix of a Medi-Cal membership. */
    public DemoPerson person(Random random) {
        double a = random.nextDouble();
        int age = a < 0.36
                ? random.nextInt(19)
                : a < 0.70 ? 19 + random.nextInt(26) : a < 0.90 ? 45 + random.nextInt(20) : 65 + random.nextInt(30);
        return person(random, age);
    }

    /** A person of the given age in years. */
    public DemoPerson person(Random random, int age) {
        String group = GROUPS[pick(random, GROUP_WEIGHTS)];
        String sex = random.nextDouble() < 0.52 ? "F" : "M";
        String nameGroup = group.equals("other") ? GROUPS[random.nextInt(4)] : group;
        String first = any(random, names.get(nameGroup + "," + sex.toLowerCase()));
        String last = any(random, names.get(nameGroup + ",s"));
        LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
        ZipArea zip = zip(random);
        String street = (100 + random.nextInt(19900)) + " " + any(random, streets);
        return new DemoPerson(
                first, last, sex, birth, language(random, group, last), group, street, zip, near(zip, random));
    }

    private static String language(Random random, String group, String surname) {
        double r = random.nextDouble();
        return switch (group) {
            case "hispanic" -> r < 0.58 ? "es" : "en";
            case "asian" -> asianLanguage(r, surname);
            case "white" ->
                surname.endsWith("yan") || surname.endsWith("ian")
                        ? (r < 0.6 ? "hy" : "en")
                        : surname.matches("Tehrani|Mohammadi|Hosseini")
                                ? (r < 0.5 ? "fa" : "en")
                                : surname.matches("Ivanov|Petrov|Smirnov")
                                        ? (r < 0.5 ? "ru" : "en")
                                        : surname.matches("Haddad|Khoury|Saleh") ? (r < 0.5 ? "ar" : "en") : "en";
            default -> "en";
        };
    }

    private static String asianLanguage(double r, String surname) {
        if (r >= 0.55) {
            return "en";
        }
        return switch (surname) {
            case "Kim", "Lee", "Park", "Choi", "Jung", "Kang" -> "ko";
            case "Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza" -> "tl";
            case "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vo" -> "vi";
            case "Sok", "Chea", "Kong", "Chhay" -> "km";
            default -> r < 0.3 ? "yue" : "cmn";
        };
    }

    /** An index drawn with the given relative weights. */
    public static int pick(Random random, double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    public static <T> T any(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private void loadNames() {
        for (String line : lines("demo/names.csv")) {
            String[] parts = line.split(",", 3);
            names.put(parts[0] + "," + parts[1], parts[2].trim().split("\\s+"));
        }
    }

    private static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = DemoPeople.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
