package org.commonweal.quality.claims;

/** The National Provider Identifier check: ten digits whose Luhn check digit is computed with the prefix 80840. */
final class Npi {

    private Npi() {}

    static boolean valid(String npi) {
        if (npi == null || !npi.matches("\\d{10}")) return false;
        int sum = 24; // the digits of the prefix 80840, doubled where Luhn doubles them
        for (int i = 8; i >= 0; i--) {
            int digit = npi.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10 == npi.charAt(9) - '0';
    }
}
