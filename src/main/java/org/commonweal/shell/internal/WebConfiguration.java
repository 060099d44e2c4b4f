package org.commonweal.shell.internal;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/** Language: {@code ?lang=es} switches and a cookie remembers; otherwise the browser's Accept-Language decides. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("commonweal-lang");
        resolver.setDefaultLocaleFunction(request ->
                "es".equals(request.getLocale().getLanguage()) ? Locale.forLanguageTag("es") : Locale.ENGLISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /**
     * Static files under explicit paths only. Boot's default {@code /**} mapping made every {@code @{...}} link of every
     * page go through a classpath look-up (ResourceUrlEncodingFilter): seconds on link-heavy pages.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        for (String folder : new String[] {"css", "js", "img"}) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // pages only: the machine APIs have no language switch and no htmx fragments, and skip the work per call
        String[] machineApis = {"/api/**", "/x12/**", "/fhir/**", "/hsds/**"};
        registry.addInterceptor(change).excludePathPatterns(machineApis);
        registry.addInterceptor(new HtmxFragmentInterceptor()).excludePathPatterns(machineApis);
    }
}
