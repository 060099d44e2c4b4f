package org.commonweal.shell.internal;

import java.util.concurrent.TimeUnit;
import org.commonweal.shell.Brand;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plan's colours as CSS custom properties, which commonweal.css uses (no inline styles under the CSP). */
@RestController
class BrandController {

    private final Brand brand;

    BrandController(Brand brand) {
        this.brand = brand;
    }

    @GetMapping(value = "/css/brand.css", produces = "text/css")
    ResponseEntity<String> css() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/css"))
                .cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS))
                .body(":root { --cw-brand: " + brand.primary() + "; --cw-accent: " + brand.accent() + "; }\n");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Brand.class)
    static class BrandConfiguration {}
}
