package org.commonweal.coverage;

import java.util.Optional;

/**
 * Where coverage learns how to reach a member's PCP (office phone, medical group) for the ID card. Coverage knows the
 * PCP only by NPI and name, as enrollment sends them; the provider directory knows the rest. Implemented outside
 * coverage (the member home module asks the directory), so coverage does not depend on the directory; without an
 * implementation the card prints the PCP's name only.
 */
public interface PcpDirectory {

    Optional<PcpContact> contact(String npi);

    /** How to reach a PCP: the office's phone and the medical group (IPA) the PCP sees members through. */
    record PcpContact(String name, String phone, String medicalGroup, String office) {}
}
