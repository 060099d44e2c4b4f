package org.commonweal.quality.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * An 837 reject's reason in the reader's language. The import stores each reason in English (the file's record, the
 * text of the 999 and of {@code import-837}); the pages show it through the message bundles ({@code quality.reject.*}),
 * the codes and values it names kept as they are. A reason not listed here is shown as stored.
 */
@Component("claimRejectReasons")
public class ClaimRejectReasons {

    private record Reason(Pattern pattern, String key) {}

    private static final Pattern LINE = Pattern.compile("line (\\S+): (.*)", Pattern.DOTALL);

    private static final List<Reason> REASONS = List.of(
            reason("diagnosis (\\S+) '(.*)' is not an ICD-10-CM code", "icd10cm"),
            reason("ICD-9-CM diagnosis \\((\\S+)\\) on a claim: only ICD-10-CM is accepted", "icd9"),
            reason("procedure (\\S+) '(.*)' is not an ICD-10-PCS code", "icd10pcs"),
            reason("CLM01 \\(patient control number\\) is empty", "pcnEmpty"),
            reason(
                    "claim frequency code '(.*)' \\(CLM05-3\\) is not 1 \\(original\\), 7 \\(replacement\\) or 8"
                            + " \\(void\\)",
                    "frequency"),
            reason("a replacement needs REF\\*F8 naming the claim it replaces", "replacementNeedsF8"),
            reason("a void needs REF\\*F8 naming the claim it replaces", "voidNeedsF8"),
            reason("patient loop 2000C: each Medi-Cal member is a subscriber; send the member in 2010BA", "dependent"),
            reason("no subscriber member id \\(NM1\\*IL with NM108 MI\\)", "noSubscriber"),
            reason("no billing provider NPI \\(NM1\\*85 with NM108 XX\\)", "noBillingNpi"),
            reason("billing provider NPI (\\S+) fails the NPI check digit", "npiCheckDigit"),
            reason("no diagnosis \\(HI\\*ABK\\) on a professional claim", "noDiagnosis"),
            reason("no service lines \\(LX\\)", "noLines"),
            reason("CLM02 claim charge '(.*)' is not an amount", "claimCharge"),
            reason("service date '(.*)' is not a date", "serviceDate"),
            reason("no (SV1|SV2)", "noService"),
            reason("procedure '(.*)' is not a CPT/HCPCS code", "hcpcs"),
            reason("revenue code '(.*)' is not four digits", "revenueCode"),
            reason("SV101 has no procedure code", "noProcedure"),
            reason("charge '(.*)' is not an amount", "lineCharge"),
            reason("no service date \\(DTP\\*472\\)", "noServiceDate"),
            reason("LX01 '(.*)' is not a line number", "lineNumber"),
            reason("member (\\S+) is not a member of the plan \\(neither a member id nor a CIN\\)", "notMember"),
            reason(
                    "replacement names claim (\\S+) \\(REF\\*F8\\), which is not a current claim of billing NPI (\\S+)",
                    "replacementUnknown"),
            reason(
                    "void names claim (\\S+) \\(REF\\*F8\\), which is not a current claim of billing NPI (\\S+)",
                    "voidUnknown"),
            reason(
                    "claim (\\S+) of billing NPI (\\S+) was received already: send frequency 7 to replace it or 8 to"
                            + " void it",
                    "duplicate"),
            reason("the same file was imported already as file (\\d+)", "fileAgain"),
            reason("the same file is being imported by another instance at this moment: .*", "fileBusy"));

    private final MessageSource messages;

    ClaimRejectReasons(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code reason} (as stored, in English) in the language of the current request. */
    public String text(String reason) {
        if (reason == null) return null;
        Matcher line = LINE.matcher(reason);
        if (line.matches()) {
            return message("line", line.group(1), text(line.group(2)));
        }
        for (Reason r : REASONS) {
            Matcher m = r.pattern().matcher(reason);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) args[i] = m.group(i + 1);
                return message(r.key(), args);
            }
        }
        return reason;
    }

    private String message(String key, Object... args) {
        return messages.getMessage("quality.reject." + key, args, LocaleContextHolder.getLocale());
    }

    private static Reason reason(String regex, String key) {
        return new Reason(Pattern.compile(regex, Pattern.DOTALL), key);
    }
}
