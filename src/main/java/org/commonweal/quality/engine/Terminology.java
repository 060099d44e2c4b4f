package org.commonweal.quality.engine;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published value sets as our engine reads them: each value set has a number, each claim code (a line's
 * CPT/HCPCS code, an ICD-10-CM diagnosis, an ICD-10-PCS procedure) an id whose value sets are a bit set. A code in
 * no value set has no id (-1) and is not kept. The code systems are the ones the FHIR resources made from claims
 * carry (a HCPCS code under both HCPCS URIs the value sets use), so membership is exactly the reference engine's.
 */
public final class Terminology {

    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String HCPCS = "http://www.nlm.nih.gov/research/umls/hcpcs";
    static final String HCPCS_CMS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ICD10_PCS = "http://www.cms.gov/Medicare/Coding/ICD10";

    private final Map<String, Integer> valueSetNumbers = new HashMap<>();
    private final Map<String, BitSet> byKey = new HashMap<>();
    private final Map<String, Integer> lineIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> diagnosisIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> pcsIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> codingIds = new ConcurrentHashMap<>();
    private volatile BitSet[] codeSets = new BitSet[256];
    private int codes;

    /** Adds a value set (its URL and {@code system|code} keys); returns its number. */
    synchronized int add(String url, Iterable<String> keys) {
        var number = valueSetNumbers.get(url);
        if (number != null) return number;
        int n = valueSetNumbers.size();
        valueSetNumbers.put(url, n);
        for (var key : keys) byKey.computeIfAbsent(key, k -> new BitSet()).set(n);
        return n;
    }

    int number(String url) {
        var n = valueSetNumbers.get(url);
        if (n == null) throw new IllegalArgumentException("value set " + url + " not loaded");
        return n;
    }

    /** A service line's CPT (five characters, the last a digit, F or T) or HCPCS level II code. */
    int procedureCode(String code) {
        return lineIds.computeIfAbsent(code, k -> {
            if (code.matches("\\d{4}[0-9FT]")) return intern(CPT + "|" + code);
            return intern(HCPCS + "|" + code, HCPCS_CMS + "|" + code);
        });
    }

    /** An ICD-10-CM code, with or without its dot. */
    int diagnosisCode(String code) {
        return diagnosisIds.computeIfAbsent(code, k -> intern(ICD10_CM + "|" + dotted(code)));
    }

    int pcsCode(String code) {
        return pcsIds.computeIfAbsent(code, k -> intern(ICD10_PCS + "|" + code));
    }

    /** A FHIR coding as it stands ({@code system|code}), as the reference engine's value-set membership reads it. */
    int coding(String system, String code) {
        if (system == null || code == null) return -1;
        return codingIds.computeIfAbsent(system + "|" + code, this::intern);
    }

    boolean in(int code, int valueSet) {
        return code >= 0 && codeSets[code].get(valueSet);
    }

    private synchronized int intern(String... keys) {
        var sets = new BitSet();
        for (var key : keys) {
            var set = byKey.get(key);
            if (set != null) sets.or(set);
        }
        if (sets.isEmpty()) return -1;
        var array = codes == codeSets.length ? java.util.Arrays.copyOf(codeSets, codes * 2) : codeSets;
        array[codes] = sets;
        codeSets = array;
        return codes++;
    }

    static String dotted(String code) {
        return code.length() > 3 && code.indexOf('.') < 0 ? code.substring(0, 3) + "." + code.substring(3) : code;
    }
}
