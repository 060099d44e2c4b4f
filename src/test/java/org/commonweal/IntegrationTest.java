package org.commonweal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the tests' embedded PostgreSQL (target/test-data), demo data loaded at small scale,
 * served on a random port ({@code @LocalServerPort}; servlets outside Spring MVC such as {@code /fhir} need real
 * HTTP) and with MockMvc for the Spring MVC routes. Every test class using it shares one application context, so keep extra properties off it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface IntegrationTest {}
