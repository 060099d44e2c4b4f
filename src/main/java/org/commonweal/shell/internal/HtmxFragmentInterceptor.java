package org.commonweal.shell.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page is a full page, and an htmx request that targets {@code #main} gets only the page's {@code <main>}:
 * links keep real hrefs and work without JavaScript.
 */
class HtmxFragmentInterceptor implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null
                || !"true".equals(request.getHeader("HX-Request"))
                || !"main".equals(request.getHeader("HX-Target"))) {
            return;
        }
        String view = mav.getViewName();
        if (view != null && !view.contains("::") && !view.startsWith("redirect:") && !view.startsWith("forward:")) {
            mav.setViewName(view + " :: main");
        }
        response.setHeader("Vary", "HX-Request, HX-Target");
    }
}
