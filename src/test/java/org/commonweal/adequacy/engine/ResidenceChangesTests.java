package org.commonweal.adequacy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonweal.adequacy.engine.Snapshot.Residence;
import org.commonweal.geography.ZipArea;
import org.junit.jupiter.api.Test;

/** Members who moved, changed product line, left or joined: patching the snapshot equals measuring everyone again. */
class ResidenceChangesTests {

    @Test
    void patchedMembersGiveTheSameResultsAsAFreshRunOfTheNewMembership() {
        var f = AdequacyEngineTests.fixture(31, 0);
        List<ZipArea> zips = new ArrayList<>(f.zips().values());
        zips.sort((a, b) -> a.zip().compareTo(b.zip()));
        Random random = new Random(5);
        Map<Long, Residence> members = new LinkedHashMap<>();
        for (int m = 0; m < 3_000; m++) {
            ZipArea zip = zips.get(random.nextInt(30)); // the last ten ZIPs have nobody yet
            long key = AdequacyEngine.memberKey("M" + m);
            members.put(
                    key,
                    new Residence(
                            key,
                            random.nextInt(4) == 0 ? "LACC" : "MCLA",
                            zip.zip(),
                            zip.centroid().latitude() + random.nextGaussian() * 0.03,
                            zip.centroid().longitude() + random.nextGaussian() * 0.03));
        }
        Snapshot patched = run(f, members.values());

        List<Residence> changes = new ArrayList<>();
        List<Long> keys = new ArrayList<>(members.keySet());
        for (int m = 0; m < 100; m++) { // moved, some into a ZIP nobody lived in, some with the centroid only
            Residence r = members.get(keys.get(m));
            ZipArea zip = zips.get(m % 4 == 0 ? 35 : random.nextInt(30));
            changes.add(new Residence(
                    r.key(),
                    r.productLine(),
                    zip.zip(),
                    m % 5 == 0 ? null : zip.centroid().latitude() + 0.01,
                    m % 5 == 0 ? null : zip.centroid().longitude()));
        }
        for (int m = 100; m < 120; m++) { // changed product line, same place
            Residence r = members.get(keys.get(m));
            changes.add(new Residence(
                    r.key(), r.productLine().equals("MCLA") ? "LACC" : "MCLA", r.zip(), r.latitude(), r.longitude()));
        }
        for (int m = 120; m < 150; m++) { // no longer covered on the date, or a line outside the run
            Residence r = members.get(keys.get(m));
            changes.add(new Residence(r.key(), m % 2 == 0 ? null : "OTHER", r.zip(), r.latitude(), r.longitude()));
        }
        for (int m = 150; m < 160; m++) { // touched, nothing that matters changed
            changes.add(members.get(keys.get(m)));
        }
        changes.add(new Residence(members.get(keys.get(160)).key(), "MCLA", "99999", null, null)); // now unlocated
        for (int m = 0; m < 25; m++) { // joined
            ZipArea zip = zips.get(random.nextInt(40));
            long key = AdequacyEngine.memberKey("NEW" + m);
            changes.add(new Residence(
                    key,
                    "MCLA",
                    zip.zip(),
                    zip.centroid().latitude(),
                    zip.centroid().longitude()));
        }

        Map<String, String> before = comparable(patched.results());
        Snapshot.ResidenceOutcome outcome = patched.applyResidenceChanges(changes);

        assertThat(outcome.moved()).isEqualTo(120);
        assertThat(outcome.removed()).isEqualTo(31);
        assertThat(outcome.added()).isEqualTo(25);
        assertThat(outcome.unchanged()).isEqualTo(10);
        changes.forEach(r -> members.put(r.key(), r));
        List<Residence> shuffled = new ArrayList<>(members.values());
        Collections.shuffle(shuffled, new Random(9));
        Snapshot fresh = run(AdequacyEngineTests.fixture(31, 0), shuffled);
        assertThat(patched.memberCount()).isEqualTo(fresh.memberCount()).isEqualTo(3_000 - 31 + 25);
        assertThat(patched.unlocated()).isEqualTo(fresh.unlocated()).isEqualTo(1);
        assertThat(comparable(patched.results())).isEqualTo(comparable(fresh.results()));
        assertThat(comparable(patched.results())).isNotEqualTo(before);
        assertThat(comparable(patched.results()))
                .containsKey("MCLA/hospital/" + zips.get(35).zip());
        assertThat(before).doesNotContainKey("MCLA/hospital/" + zips.get(35).zip());
    }

    private static Snapshot run(AdequacyEngineTests.Fixture f, java.util.Collection<Residence> members) {
        var run = f.engine().start();
        members.forEach(r -> run.add(r.key(), r.productLine(), r.zip(), r.latitude(), r.longitude()));
        return run.finish();
    }

    /** Results by line, type and ZIP, with the summed distance rounded (the order of addition differs). */
    private static Map<String, String> comparable(List<ZipResult> results) {
        Map<String, String> out = new java.util.TreeMap<>();
        results.forEach(r -> out.put(
                r.productLine() + "/" + r.providerType() + "/" + r.zip(),
                r.members() + " " + r.met() + " " + r.metByMiles() + " " + r.metByMinutes() + " " + r.metByAlternative()
                        + " " + r.maxMiles() + " " + Math.round(r.sumMiles() * 1e6)));
        return out;
    }
}
