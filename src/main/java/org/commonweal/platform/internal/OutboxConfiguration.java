package org.commonweal.platform.internal;

import java.time.Duration;

import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.OutboxAdapter;
import org.commonweal.platform.OutboxRetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxRetry outboxRetry(@Value("${commonweal.outbox.max-attempts:5}") int maxAttempts,
            @Value("${commonweal.outbox.first-retry:PT1M}") Duration firstDelay,
            @Value("${commonweal.outbox.max-retry:PT1H}") Duration maxDelay) {
        return new OutboxRetry(maxAttempts, firstDelay, maxDelay);
    }

    @Bean
    JdbcOutbox outbox(JdbcClient jdbc, ObjectProvider<OutboxAdapter> adapters, ClusterJobs jobs,
            PlatformTransactionManager transactionManager, OutboxRetry retry) {
        return new JdbcOutbox(jdbc, adapters.orderedStream().toList(), jobs, transactionManager, retry);
    }
}
