package org.commonweal.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions in PostgreSQL (Spring Session JDBC). Two requests of one session at once (htmx requests of one page, a
 * second tab) may both add the same attribute; Spring Session's plain insert then fails the second with a duplicate
 * key and the request with a 500. Spring Session's own PostgreSQL customizer makes it an upsert. Found by the soak test
 * (#20, docs/reliability.md).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesAsUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
