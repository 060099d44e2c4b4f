package org.commonweal.geography.internal;

import java.util.Optional;
import org.commonweal.geography.Address;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.Geocoder;
import org.commonweal.geography.Geography;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default geocoder: the centroid of the address's ZIP code. */
class ZipCentroidGeocoder implements Geocoder {

    static final String PRECISION = "zip-centroid";

    private final Geography geography;

    ZipCentroidGeocoder(Geography geography) {
        this.geography = geography;
    }

    @Override
    public Optional<Geocoded> geocode(Address address) {
        if (address == null) {
            return Optional.empty();
        }
        return geography
                .zip(address.zip())
                .map(z -> new Geocoded(z.centroid(), z.zip(), z.spa(), z.rcacRegion(), PRECISION));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        @ConditionalOnMissingBean(Geocoder.class)
        Geocoder zipCentroidGeocoder(Geography geography) {
            return new ZipCentroidGeocoder(geography);
        }
    }
}
