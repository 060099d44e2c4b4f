package org.commonweal.quality.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.commonweal.fhir.FhirSystemProvider;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir} with a {@code transaction} or {@code batch} Bundle of clinical data from a provider's system,
 * for clients holding {@code system/clinical.write} (the API chain refuses any other client with 403 before this
 * runs). The Bundle becomes one clinical source with the client as its sender, stored through {@link ClinicalSources}
 * (Patients matched to members, references rewritten, the members recomputed after the commit; the import audits the
 * member look-ups and the stored source). A {@code batch} keeps every good entry and answers a
 * {@code batch-response} with one entry per input entry: {@code 201 Created} and the stored row for a resource,
 * {@code 200 OK} and the member for a matched Patient, {@code 422} with an OperationOutcome naming the entry and the
 * reason for a rejected one. A {@code transaction} is all or nothing, as FHIR defines it: one rejected entry refuses
 * the Bundle (422, an OperationOutcome with an issue per rejected entry, nothing stored); else a
 * {@code transaction-response} of the same shape.
 */
@Component
class ClinicalTransactionProvider implements FhirSystemProvider {

    private final ClinicalSources sources;

    ClinicalTransactionProvider(ClinicalSources sources) {
        this.sources = sources;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
        boolean atomic = switch (bundle.getType()) {
            case TRANSACTION -> true;
            case BATCH -> false;
            case null -> throw new InvalidRequestException("Bundle.type is required: transaction or batch");
            default ->
                throw new InvalidRequestException("Bundle.type must be transaction or batch, not "
                        + bundle.getType().toCode());
        };
        if (bundle.getEntry().isEmpty()) throw new InvalidRequestException("the Bundle has no entries");
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String sender = auth == null ? "unknown client" : auth.getName();
        String name = "FHIR " + bundle.getType().toCode() + " from " + sender
                + (bundle.getIdElement().hasIdPart()
                        ? " (Bundle/" + bundle.getIdElement().getIdPart() + ")"
                        : "");
        var report =
                sources.importTransaction(bundle, name.length() > 255 ? name.substring(0, 255) : name, sender, atomic);
        if (report.refusal() != null) {
            var outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(report.refusal());
            report.outcomes().forEach(o -> issue(outcome, o)); // the rejected entries
            throw new UnprocessableEntityException(report.refusal(), outcome);
        }
        var response =
                new Bundle().setType(atomic ? Bundle.BundleType.TRANSACTIONRESPONSE : Bundle.BundleType.BATCHRESPONSE);
        // the source's id, by which it can be withdrawn as a whole (withdraw-clinical, the quality pages)
        response.setId("clinical-source-" + report.sourceId());
        for (var o : report.outcomes()) {
            var entry = response.addEntry().getResponse();
            if (o.reason() == null) {
                entry.setStatus(o.resourceType().equals("Patient") ? "200 OK" : "201 Created")
                        .setLocation(o.location());
            } else {
                var outcome = new OperationOutcome();
                issue(outcome, o);
                entry.setStatus("422 Unprocessable Entity").setOutcome(outcome);
            }
        }
        return response;
    }

    private static void issue(OperationOutcome outcome, ClinicalImport.Outcome o) {
        if (o.reason() == null) return;
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics("entry " + o.entry() + (o.resourceType() == null ? "" : " (" + o.resourceType() + ")")
                        + ": " + o.reason())
                .addExpression("Bundle.entry[" + (o.entry() - 1) + "]");
    }
}
