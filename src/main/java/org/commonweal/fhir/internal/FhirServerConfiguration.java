package org.commonweal.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletException;
import java.util.List;
import org.commonweal.fhir.FhirInterceptor;
import org.commonweal.fhir.FhirSystemProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(
            FhirContext context,
            ObjectProvider<IResourceProvider> providers,
            ObjectProvider<FhirSystemProvider> systemProviders,
            ObjectProvider<FhirInterceptor> interceptors) {
        RestfulServer server = new CommonwealFhirServer(
                context,
                providers.orderedStream().toList(),
                systemProviders.orderedStream().map(p -> (Object) p).toList(),
                interceptors.orderedStream().map(i -> (Object) i).toList());
        var registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    static class CommonwealFhirServer extends RestfulServer {

        private final List<IResourceProvider> providers;
        private final List<Object> systemProviders;
        private final List<Object> interceptors;

        CommonwealFhirServer(
                FhirContext context,
                List<IResourceProvider> providers,
                List<Object> systemProviders,
                List<Object> interceptors) {
            super(context);
            this.providers = providers;
            this.systemProviders = systemProviders;
            this.interceptors = interceptors;
        }

        @Override
        protected void initialize() throws ServletException {
            setDefaultResponseEncoding(EncodingEnum.JSON);
            setDefaultPrettyPrint(false);
            setServerName("Commonweal");
            setImplementationDescription("Commonweal FHIR R4 server");
            setResourceProviders(providers);
            setPlainProviders(systemProviders);
            interceptors.forEach(getInterceptorService()::registerInterceptor);
        }
    }
}
