package org.commonweal.memberhome.internal;

import java.util.Optional;
import org.commonweal.coverage.PcpDirectory;
import org.commonweal.network.NetworkDirectory;
import org.springframework.stereotype.Component;

/** Coverage's ID card asks the provider directory how to reach the member's PCP, through this module. */
@Component
class DirectoryPcpContacts implements PcpDirectory {

    private final NetworkDirectory directory;

    DirectoryPcpContacts(NetworkDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<PcpContact> contact(String npi) {
        return directory
                .practitionerByNpi(npi)
                .map(p -> new PcpContact(p.name(), p.phone(), p.medicalGroup(), p.locationName()));
    }
}
