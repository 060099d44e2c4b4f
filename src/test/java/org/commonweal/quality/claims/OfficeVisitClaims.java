package org.commonweal.quality.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A one-claim 837P for tests: an established-patient office visit (CPT 99214) of one member on one day with one
 * ICD-10-CM diagnosis, billed by a clinic whose NPI the directory does not hold, with a claim number unique to the
 * call (so the same visit can be sent by several tests against one database). Written after X222A1's example layout
 * like the fixtures in {@code src/test/resources/quality/claims}.
 */
public final class OfficeVisitClaims {

    private OfficeVisitClaims() {}

    /** Writes the 837 for {@code member}'s visit on {@code day} with {@code diagnosis} (no dot) into {@code dir}. */
    public static Path write(Path dir, String member, String diagnosis, LocalDate day) throws IOException {
        var pcn = UUID.randomUUID().toString().substring(0, 8) + "-" + diagnosis;
        var claim = """
                ISA*00*          *00*          *ZZ*CLINIC0005     *ZZ*COMMONWEAL     *261205*1000*^*00501*000000601*0*T*:~
                GS*HC*CLINIC0005*COMMONWEAL*20261205*1000*601*X*005010X222A1~
                ST*837*0601*005010X222A1~
                BHT*0019*00*600001*20261205*1000*CH~
                HL*1**20*1~
                NM1*85*2*FAMILY CLINIC*****XX*1234567893~
                HL*2*1*22*0~
                NM1*IL*1*MEMBER*TEST****MI*%s~
                CLM*%s*90***11:B:1*Y*A*Y*I~
                HI*ABK:%s~
                LX*1~
                SV1*HC:99214*90*UN*1***1~
                DTP*472*D8*%s~
                SE*12*0601~
                GE*1*601~
                IEA*1*000000601~
                """.formatted(member, pcn, diagnosis, day.format(DateTimeFormatter.BASIC_ISO_DATE));
        return Files.writeString(dir.resolve("837p-" + pcn + ".x12"), claim);
    }
}
