package org.commonweal.geography.street;

import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

/**
 * {@code load-geocoder FILE…}: loads the street address ranges of the Census TIGER/Line address range feature files
 * (one per county, {@code tl_2024_06037_addrfeat.zip} for Los Angeles County) for the street geocoder of Find a
 * Doctor. Reference data, no member data: nothing to audit.
 */
@Component
@CommandSpec(
        name = "load-geocoder",
        usage = "load-geocoder FILE… (TIGER/Line addrfeat .zip, .dbf or .shp)",
        summary = "load street address ranges (Census TIGER/Line ADDRFEAT) for the street geocoder")
class LoadGeocoderCommand extends ImportCommand {

    private final TigerAddressRanges ranges;

    LoadGeocoderCommand(TigerAddressRanges ranges) {
        this.ranges = ranges;
    }

    @Override
    protected boolean manyFiles() {
        return true;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try {
            return ranges.load(file);
        } catch (java.io.IOException e) {
            return Outcome.refused("nothing loaded", java.util.List.of(e.getMessage()));
        }
    }
}
