package org.commonweal.housing.ledger;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.housing.cases.CaseloadAccess;
import org.commonweal.housing.cases.Viewer;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A client's rental subsidy and its payments: schedule a month, mark paid, hold, release, return. Case managers act on
 * their caseload's subsidies and may schedule, hold and release; marking paid and returning money is for grants
 * officers and administrators (separation of duties). The funding source's ceiling is the ledger's
 * ({@link FundingLedger#schedule}); a refusal comes back on the form as a 422 saying what remains.
 */
@Controller
class SubsidyController {

    static final Set<String> CASE_MANAGER_STATUSES = Set.of("scheduled", "held");

    private final Subsidies subsidies;
    private final FundingLedger ledger;
    private final CaseloadAccess access;
    private final AuditTrail audit;
    private final MessageSource messages;

    private final ZoneId zone;

    SubsidyController(
            Subsidies subsidies,
            FundingLedger ledger,
            CaseloadAccess access,
            AuditTrail audit,
            MessageSource messages,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.subsidies = subsidies;
        this.ledger = ledger;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/housing/subsidies/{id}")
    String page(@PathVariable long id, Authentication auth, Model model) {
        var subsidy = openable(id, auth);
        audit.record(
                AuditEntry.read("housing-subsidy", Long.toString(id), subsidy.memberId(), "rental subsidy ledger"));
        LocalDate today = today();
        YearMonth next = ledger.paymentsOfSubsidy(id).stream()
                .map(p -> YearMonth.from(p.month()))
                .max(YearMonth::compareTo)
                .map(m -> m.plusMonths(1))
                .orElse(YearMonth.from(today));
        return render(
                model,
                auth,
                subsidy,
                next.toString(),
                subsidy.monthlyAssistance().toPlainString(),
                Map.of());
    }

    @PostMapping("/housing/subsidies/{id}/payments")
    String schedule(
            @PathVariable long id,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) String amount,
            @RequestParam(required = false) String reason,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        var subsidy = openable(id, auth);
        Map<String, String> errors = new LinkedHashMap<>();
        YearMonth ym = null;
        BigDecimal value = null;
        try {
            ym = YearMonth.parse(month == null ? "" : month.strip());
        } catch (DateTimeParseException e) {
            errors.put("month", msg("housing.payment.error.month"));
        }
        try {
            value = new BigDecimal(amount == null ? "" : amount.strip());
            if (value.signum() <= 0 || value.scale() > 2) {
                errors.put("amount", msg("housing.payment.error.amount"));
            }
        } catch (NumberFormatException e) {
            errors.put("amount", msg("housing.payment.error.amount"));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            errors.put("reason", msg("housing.payment.error.reasonLength"));
        }
        // #18: above the monthly assistance, the payment needs a reason (a $9,000 payment on $2,150 a month passed)
        if (errors.isEmpty() && value.compareTo(subsidy.monthlyAssistance()) > 0 && why == null) {
            errors.put(
                    "reason",
                    msg(
                            "housing.payment.error.aboveMonthly",
                            value.toPlainString(),
                            subsidy.monthlyAssistance().toPlainString()));
        }
        if (errors.isEmpty()) {
            try {
                ledger.schedule(
                        subsidy.fundingSourceId(),
                        id,
                        ym,
                        value,
                        "rent " + ym + (why == null ? "" : " (above the monthly amount: " + why + ")"),
                        auth.getName());
                return "redirect:/housing/subsidies/" + id + "#ledger";
            } catch (LedgerCeilingExceeded e) {
                errors.put(
                        "amount",
                        msg(
                                "housing.payment.error.ceiling",
                                value.toPlainString(),
                                e.source(),
                                e.remaining().toPlainString()));
            } catch (IllegalArgumentException e) {
                var source = ledger.source(subsidy.fundingSourceId()).orElseThrow();
                errors.put(
                        "month",
                        msg(
                                "housing.payment.error.period",
                                ym.toString(),
                                source.id(),
                                source.startsOn().toString(),
                                source.endsOn().toString()));
            } catch (org.springframework.dao.DuplicateKeyException e) {
                errors.put("month", msg("housing.payment.error.duplicate"));
            }
        }
        response.setStatus(422);
        model.addAttribute("reason", reason);
        return render(model, auth, subsidy, month, amount, errors);
    }

    /** Moves a payment along; back to the subsidy page, or to the funding page when {@code back=funding}. */
    @PostMapping("/housing/payments/{id}/status")
    String status(
            @PathVariable long id,
            @RequestParam String status,
            @RequestParam(defaultValue = "subsidy") String back,
            Authentication auth) {
        var payment = ledger.payment(id).orElseThrow(() -> new NoSuchElementException("no payment " + id));
        if (!finance(auth)) {
            if (payment.subsidyId() == null) {
                throw new AccessDeniedException("only grants officers change case-management payments");
            }
            openable(payment.subsidyId(), auth);
            if (!CASE_MANAGER_STATUSES.contains(status)) {
                throw new AccessDeniedException("marking paid or returned is for grants officers");
            }
        }
        ledger.changeStatus(id, status, today());
        return back.equals("funding") || payment.subsidyId() == null
                ? "redirect:/housing/funding"
                : "redirect:/housing/subsidies/" + payment.subsidyId() + "#ledger";
    }

    private String render(
            Model model,
            Authentication auth,
            Subsidies.Subsidy subsidy,
            String month,
            String amount,
            Map<String, String> errors) {
        var source = ledger.source(subsidy.fundingSourceId()).orElseThrow();
        BigDecimal committed = ledger.committed(source.id());
        model.addAttribute("subsidy", subsidy);
        model.addAttribute("payments", ledger.paymentsOfSubsidy(subsidy.id()));
        model.addAttribute("source", source);
        model.addAttribute("remaining", source.total().subtract(committed));
        model.addAttribute("month", month);
        model.addAttribute("amount", amount);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute(
                    "formErrors",
                    new FormErrors(
                            errors.entrySet().stream()
                                    .map(e -> new FormErrors.Problem(
                                            e.getKey(), "payment-" + e.getKey(), e.getValue(), null))
                                    .toList(),
                            Map.of()));
        }
        model.addAttribute("finance", finance(auth));
        model.addAttribute("transitions", FundingLedger.TRANSITIONS);
        model.addAttribute("caseManagerStatuses", CASE_MANAGER_STATUSES);
        return "housing/subsidy";
    }

    private Subsidies.Subsidy openable(long id, Authentication auth) {
        var subsidy = subsidies.subsidy(id).orElseThrow(() -> new NoSuchElementException("no subsidy " + id));
        if (!finance(auth) && !access.canOpen(Viewer.of(auth), subsidy.clientId())) {
            audit.record(new AuditEntry(
                    AuditAction.READ,
                    "housing-subsidy",
                    Long.toString(id),
                    null,
                    "rental subsidy ledger",
                    "refused: not in caseload"));
            throw new AccessDeniedException("subsidy " + id + " is not in your caseload or your team's");
        }
        return subsidy;
    }

    private static boolean finance(Authentication auth) {
        return auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_GRANTS_OFFICER"));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private LocalDate today() {
        return LocalDate.now(zone);
    }
}
