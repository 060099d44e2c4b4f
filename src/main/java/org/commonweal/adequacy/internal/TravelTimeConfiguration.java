package org.commonweal.adequacy.internal;

import org.commonweal.adequacy.TravelTimeModel;
import org.commonweal.adequacy.engine.RoadFactorTravelTimeModel;
import org.commonweal.geography.Geography;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default travel-time model; a bean of another {@link TravelTimeModel} (a routing engine) replaces it. */
@Configuration(proxyBeanMethods = false)
class TravelTimeConfiguration {

    @Bean
    @ConditionalOnMissingBean(TravelTimeModel.class)
    TravelTimeModel roadFactorTravelTimeModel(Geography geography) {
        return new RoadFactorTravelTimeModel(geography.zips());
    }
}
