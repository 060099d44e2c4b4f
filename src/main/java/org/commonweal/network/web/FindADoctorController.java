package org.commonweal.network.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.commonweal.geography.Address;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geocoder;
import org.commonweal.geography.Geography;
import org.commonweal.geography.StreetGeocoder;
import org.commonweal.network.Specialties;
import org.commonweal.network.accuracy.ErrorReports;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Find a Doctor: the public directory, no login, English and Spanish, works without JavaScript. */
@Controller
class FindADoctorController {

    private final Forms forms;

    private final DirectoryListings listings;
    private final Geography geography;
    private final Geocoder geocoder;
    private final ErrorReports reports;
    private final PlaceNames places;

    private final StreetGeocoder streets;
    private final String mapTiles;
    private final String mapAttribution;

    FindADoctorController(
            DirectoryListings listings,
            Geography geography,
            Geocoder geocoder,
            ErrorReports reports,
            Forms forms,
            PlaceNames places,
            StreetGeocoder streets,
            @org.springframework.beans.factory.annotation.Value(
                            "${commonweal.map.tile-url:" + "https://tile.openstreetmap.org/{z}/{x}/{y}.png}")
                    String mapTiles,
            @org.springframework.beans.factory.annotation.Value(
                            "${commonweal.map.attribution:" + "© OpenStreetMap contributors}")
                    String mapAttribution) {
        this.mapTiles = mapTiles;
        this.mapAttribution = mapAttribution;
        this.forms = forms;
        this.places = places;
        this.streets = streets;
        this.listings = listings;
        this.geography = geography;
        this.geocoder = geocoder;
        this.reports = reports;
    }

    @Bean
    static NavigationItem findADoctorNavigation() {
        return NavigationItem.forEveryone("nav.find-a-doctor", "nav.find-a-doctor.description", "/find-a-doctor", 100);
    }

    @GetMapping("/find-a-doctor")
    String search(
            @RequestParam Map<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String htmxTarget,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model,
            Locale locale) {
        var q = DirectoryQuery.from(params);
        model.addAttribute("q", q);
        model.addAttribute("mapTiles", mapTiles);
        model.addAttribute("mapAttribution", mapAttribution);
        model.addAttribute("search", "?" + q.queryString());
        // on a phone the secondary filters stay folded unless one of them is in use
        model.addAttribute(
                "moreFilters",
                q.name() != null
                        || q.productLine() != null
                        || q.language() != null
                        || q.gender() != null
                        || q.hospital() != null
                        || q.accepting()
                        || q.accessible()
                        || q.telehealth());
        // the live form (htmx) gets only the results region; a full page otherwise (no JavaScript, history restore)
        boolean fragment = "true".equals(htmx) && "results-region".equals(htmxTarget) && !"true".equals(historyRestore);
        String view = fragment ? "network/find :: results" : "network/find";
        if (!fragment) {
            model.addAttribute(
                    "specialtyOptions",
                    FormOptions.html(
                            Specialties.catalog().practitionerSpecialties().stream()
                                    .map(s -> new DirectoryListings.Option(s.code(), s.plainName(locale)))
                                    .sorted(java.util.Comparator.comparing(DirectoryListings.Option::label))
                                    .toList(),
                            q.specialty()));
            model.addAttribute(
                    "languageOptions",
                    FormOptions.html(
                            geography.languages().stream()
                                    .map(l -> new DirectoryListings.Option(
                                            l.code(), l.nativeName() + " (" + l.englishName() + ")"))
                                    .toList(),
                            q.language()));
            model.addAttribute("hospitalOptions", FormOptions.html(listings.hospitals(), q.hospital()));
        }
        if (!q.anyCriteria()) {
            // the form was sent with nothing in it: say what to enter rather than showing nothing
            model.addAttribute("blankSearch", params.containsKey("near") || params.containsKey("kind"));
            return view;
        }
        GeoPoint origin = null;
        if (q.near() != null) {
            Origin from = origin(q.near()).orElse(null);
            if (from == null) {
                model.addAttribute("placeUnknown", q.near());
                return view;
            }
            origin = from.point();
            // the page says what the distances are measured from: the street address, a ZIP's or a place's centre
            model.addAttribute("origin", from);
        }
        DirectoryListings.Page<?> found;
        if (q.doctors()) {
            List<String> codes = q.specialty() == null
                    ? null
                    : Specialties.catalog()
                            .byCode(q.specialty())
                            .map(s -> List.of(s.code()))
                            .orElseGet(() -> Specialties.catalog().codesMatching(q.specialty()));
            var doctors = listings.doctors(q, origin, codes);
            model.addAttribute("doctors", doctors);
            model.addAttribute("mapPoints", MapPoints.json(doctors.items(), q.page() * DirectoryQuery.PAGE_SIZE));
            found = doctors;
        } else {
            var facilities = listings.facilities(q, origin);
            model.addAttribute("facilities", facilities);
            found = facilities;
        }
        model.addAttribute("sort", q.sortOrDefault(origin != null));
        model.addAttribute("nearAPlace", origin != null);
        model.addAttribute("pages", ResultPages.of(q, found.total()));
        model.addAttribute("searched", true);
        return view;
    }

    @GetMapping("/find-a-doctor/providers/{id}")
    String provider(
            @PathVariable String id,
            @RequestParam Map<String, String> search,
            Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        backToSearch(search, model);
        var provider = listings.provider(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("provider", provider);
        // a signed-in member may pick this doctor as PCP at an office where they practise primary care
        model.addAttribute("member", request.isUserInRole("MEMBER"));
        model.addAttribute(
                "primaryCare",
                provider.specialties().stream()
                        .anyMatch(code -> Specialties.catalog()
                                .byCode(code)
                                .map(s -> "pcp".equals(s.group()))
                                .orElse(false)));
        model.addAttribute(
                "categories", ErrorReports.CATEGORIES.stream().sorted().toList());
        return "network/provider";
    }

    @GetMapping("/find-a-doctor/locations/{id}")
    String location(@PathVariable String id, @RequestParam Map<String, String> search, Model model) {
        backToSearch(search, model);
        var location = listings.location(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("place", location);
        model.addAttribute(
                "categories", ErrorReports.CATEGORIES.stream().sorted().toList());
        return "network/location";
    }

    /** A visitor's report of an error in a listing (SB 137); lengths match the table's. */
    record ReportForm(
            @NotBlank String resourceType,
            @NotBlank @Size(max = 64) String resourceId,
            @NotBlank String category,
            @NotBlank @Size(max = 2000) String description,
            @Size(max = 200) String contact) {}

    @PostMapping("/find-a-doctor/report")
    String report(
            @Valid @ModelAttribute("report") ReportForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletRequest request) {
        boolean practitioner = "Practitioner".equals(form.resourceType());
        boolean exists = practitioner
                ? form.resourceId() != null
                        && listings.provider(form.resourceId()).isPresent()
                : "Location".equals(form.resourceType())
                        && form.resourceId() != null
                        && listings.location(form.resourceId()).isPresent();
        if (!exists) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (form.category() != null && !ErrorReports.CATEGORIES.contains(form.category())) {
            FieldChecks.reject(result, "category", "network.report.field.category.unknown");
        }
        if (!result.hasErrors()) {
            try {
                redirect.addFlashAttribute(
                        "reportId",
                        reports.file(
                                form.resourceType(),
                                form.resourceId(),
                                form.category(),
                                form.description(),
                                form.contact()));
                return "redirect:" + (practitioner ? "/find-a-doctor/providers/" : "/find-a-doctor/locations/")
                        + form.resourceId();
            } catch (IllegalArgumentException e) {
                result.reject("network.report.invalid");
            }
        }
        // #18: the listing comes back with the report as typed and every problem named
        forms.rejected(result, model, "network.report.field", "report-");
        response.setStatus(Forms.UNPROCESSABLE);
        return practitioner
                ? provider(form.resourceId(), Map.of(), model, request)
                : location(form.resourceId(), Map.of(), model);
    }

    /** Listings link to provider and location pages with their search, so "Back to search" returns to it. */
    private static void backToSearch(Map<String, String> search, Model model) {
        var q = DirectoryQuery.from(search);
        model.addAttribute("search", q.anyCriteria() ? "?" + q.queryString() : "");
    }

    /**
     * Where distances are measured from, and how it was found.
     *
     * @param by    {@code street} (the address on its street), {@code zip} (the ZIP's centre) or {@code place} (the
     *              centre of a city or neighbourhood)
     * @param label the ZIP or the place name the centre is of; for a street, the street as the geocoder knows it
     * @param streetMissed a street address was typed but not found on its street, so a centre stands in for it
     */
    record Origin(GeoPoint point, String by, String label, boolean streetMissed) {}

    /**
     * A street address ("1600 Vermont Ave, Los Angeles", through the TIGER/Line street geocoder), else the ZIP
     * written in it, else a city or neighbourhood of the service area (the whole text, or what follows its first
     * comma).
     */
    private Optional<Origin> origin(String near) {
        String zip = DirectoryQuery.from(Map.of("near", near)).zip();
        boolean streetLike = near.strip().matches("\\d+[A-Za-z]?\\s+\\D.*");
        if (streetLike) {
            var street = streets.locate(near);
            if (street.isPresent()) {
                return Optional.of(new Origin(street.get().point(), "street", near.strip(), false));
            }
        }
        if (zip != null) {
            Optional<GeoPoint> centre = near.strip().length() <= 10
                    ? geography.zip(zip).map(z -> z.centroid())
                    : geocoder.geocode(new Address(near, null, null, "CA", zip)).map(g -> g.point());
            return centre.map(p -> new Origin(p, "zip", zip, streetLike));
        }
        var place = places.centre(near).map(p -> new Origin(p, "place", near.strip(), false));
        int comma = near.indexOf(',');
        if (place.isEmpty() && comma >= 0) {
            String city = near.substring(comma + 1).strip();
            place = places.centre(city).map(p -> new Origin(p, "place", city, streetLike));
        }
        return place;
    }
}
