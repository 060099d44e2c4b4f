package org.commonweal.grants.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ui.Model;

/** Fills the portfolio dashboard (public and staff) with figures, breakdowns and chart data. */
final class PortfolioModel {

    private PortfolioModel() {}

    static void fill(Model model, Portfolio portfolio, GrantsCatalog catalog, Portfolio.Filter filter) {
        model.addAttribute("filter", filter);
        model.addAttribute("programs", catalog.programs());
        model.addAttribute("figures", portfolio.figures(filter, java.time.LocalDate.now()));
        var byYear = portfolio.byYear(filter);
        model.addAttribute("byProgram", portfolio.byProgram(filter));
        model.addAttribute("byYear", byYear);
        model.addAttribute("bySpa", portfolio.bySpa(filter));
        model.addAttribute("byType", portfolio.byOrganizationType(filter));
        model.addAttribute(
                "yearLabels", byYear.stream().map(Portfolio.Slice::label).collect(Collectors.joining(",")));
        model.addAttribute(
                "yearValues",
                byYear.stream().map(s -> s.awarded().toPlainString()).collect(Collectors.joining(",")));
    }

    static String labels(List<Portfolio.Slice> slices) {
        return slices.stream().map(Portfolio.Slice::label).collect(Collectors.joining(","));
    }
}
