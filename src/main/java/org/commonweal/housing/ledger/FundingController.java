package org.commonweal.housing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class FundingController {

    record SourceSummary(FundingLedger.FundingSource source, SpendForecast.Result spend, BigDecimal remaining) {

        public List<String> labels() {
            return spend.months().stream().map(m -> m.month().toString()).toList();
        }

        public List<BigDecimal> cumulativeBudget() {
            return spend.months().stream()
                    .map(SpendForecast.Month::cumulativeBudget)
                    .toList();
        }

        public List<BigDecimal> cumulativeCommitted() {
            return spend.months().stream()
                    .map(SpendForecast.Month::cumulativeCommitted)
                    .toList();
        }

        public List<BigDecimal> cumulativeForecast() {
            return spend.months().stream()
                    .map(SpendForecast.Month::cumulativeForecast)
                    .toList();
        }
    }

    private final FundingLedger ledger;
    private final AuditTrail audit;

    private final ZoneId zone;

    FundingController(FundingLedger ledger, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.ledger = ledger;
        this.audit = audit;
    }

    @GetMapping("/housing/funding")
    String page(Model model) {
        LocalDate today = LocalDate.now(zone);
        List<SourceSummary> summaries = new ArrayList<>();
        for (var source : ledger.sources()) {
            var spend = ledger.spend(source, today);
            summaries.add(new SourceSummary(source, spend, source.total().subtract(spend.committed())));
        }
        audit.record(new AuditEntry(AuditAction.READ, "housing-funding", null, null, "funding oversight", null));
        model.addAttribute("summaries", summaries);
        model.addAttribute("held", ledger.held(50));
        model.addAttribute("currentMonth", YearMonth.from(today));
        return "housing/funding";
    }
}
