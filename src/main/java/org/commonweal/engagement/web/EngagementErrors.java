package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Not found is a 404 (the site's error page) and a broken rule a 422 naming the reason, mapped once for the module.
 */
@ControllerAdvice(basePackageClasses = EngagementErrors.class)
class EngagementErrors {

    @ExceptionHandler(NoSuchElementException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    String unprocessable(IllegalArgumentException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "engagement/problem";
    }
}
