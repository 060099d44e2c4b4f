package org.commonweal.platform.internal;

import org.commonweal.platform.PlanIdentity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link PlanIdentity} from {@code commonweal.plan.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlanIdentity.class)
class PlanIdentityConfiguration {}
