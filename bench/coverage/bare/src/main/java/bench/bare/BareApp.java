package bench.bare;

import java.time.LocalDate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare floor of issue #23: Spring Boot with Spring Security's filter chain and Spring MVC, nothing else.
 * {@code GET /secured} answers 401 (no credentials), {@code GET /json?memberId=...} a small JSON answer shaped like
 * an eligibility answer (no database).
 */
@SpringBootApplication
@RestController
public class BareApp {

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/json").permitAll().anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .build();
    }

    record Answer(String memberId, boolean eligible, String planCode, String productLine, LocalDate asOf) {
    }

    @GetMapping("/json")
    Answer json(@RequestParam String memberId) {
        return new Answer(memberId, true, "MCLA", "MEDI_CAL", LocalDate.of(2026, 12, 5));
    }

    @GetMapping("/secured")
    String secured() {
        return "never without credentials";
    }
}
