package org.commonweal.housing.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.util.NoSuchElementException;
import org.commonweal.housing.ledger.LedgerCeilingExceeded;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Not found is a 404 and a broken rule a 422 with the reason, for every housing page. */
@ControllerAdvice(basePackages = "org.commonweal.housing")
class HousingProblems {

    @ExceptionHandler(NoSuchElementException.class)
    String notFound(NoSuchElementException e, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("message", e.getMessage());
        return "housing/problem";
    }

    @ExceptionHandler({IllegalArgumentException.class, LedgerCeilingExceeded.class})
    String unprocessable(RuntimeException e, HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("message", e.getMessage());
        return "housing/problem";
    }
}
