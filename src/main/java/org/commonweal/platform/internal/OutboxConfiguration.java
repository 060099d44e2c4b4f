package org.commonweal.platform.internal;

import java.time.Duration;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.OutboxAdapter;
import org.commonweal.platform.OutboxRetry;
import org.commonweal.platform.SmsChannel;
import org.commonweal.platform.SmsConsent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxRetry outboxRetry(
            @Value("${commonweal.outbox.max-attempts:5}") int maxAttempts,
            @Value("${commonweal.outbox.first-retry:PT1M}") Duration firstDelay,
            @Value("${commonweal.outbox.max-retry:PT1H}") Duration maxDelay) {
        return new OutboxRetry(maxAttempts, firstDelay, maxDelay);
    }

    @Bean
    JdbcOutbox outbox(
            JdbcClient jdbc,
            ObjectProvider<OutboxAdapter> adapters,
            ClusterJobs jobs,
            PlatformTransactionManager transactionManager,
            OutboxRetry retry,
            SmsConsent consent,
            ObjectProvider<SmsChannel> sms) {
        var all = new java.util.ArrayList<>(adapters.orderedStream().toList());
        // a text-message provider, when one is declared, sends the SMS (#22); none is wired in this project
        sms.ifAvailable(channel -> all.add(new SmsOutboxAdapter(channel)));
        return new JdbcOutbox(jdbc, all, jobs, transactionManager, retry, consent);
    }
}
