package org.commonweal.geography.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.identity.AccessRules;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Public page: the Service Planning Areas and advisory regions, and which ones a ZIP code belongs to. */
@Controller
class PlacesController implements AccessRules {

    private final Geography geography;

    PlacesController(Geography geography) {
        this.geography = geography;
    }

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/places").permitAll();
    }

    @Bean
    static NavigationItem placesNavigation() {
        return NavigationItem.forEveryone("nav.places", "nav.places.description", "/places", 800);
    }

    @GetMapping("/places")
    String places(@RequestParam(required = false) String zip, Model model) {
        if (zip != null && !zip.isBlank()) {
            model.addAttribute("zip", zip.trim());
            geography
                    .zip(zip)
                    .ifPresentOrElse(
                            z -> {
                                model.addAttribute("found", z);
                                model.addAttribute(
                                        "foundSpa",
                                        geography.servicePlanningArea(z.spa()).orElseThrow());
                                model.addAttribute(
                                        "foundRegion",
                                        geography.rcacRegion(z.rcacRegion()).orElseThrow());
                            },
                            () -> model.addAttribute("notFound", true));
        }
        Map<Integer, Long> zipsPerSpa = geography.zips().stream()
                .collect(Collectors.groupingBy(ZipArea::spa, TreeMap::new, Collectors.counting()));
        Map<Integer, Long> zipsPerRegion = geography.zips().stream()
                .collect(Collectors.groupingBy(ZipArea::rcacRegion, TreeMap::new, Collectors.counting()));
        model.addAttribute("spas", geography.servicePlanningAreas());
        model.addAttribute("regions", geography.rcacRegions());
        model.addAttribute("zipsPerSpa", zipsPerSpa);
        model.addAttribute("zipsPerRegion", zipsPerRegion);
        return "geography/places";
    }
}
