package org.commonweal.identity.internal;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client assertion as SMART Backend Services sends it: without a {@code client_id} parameter (the client is the
 * assertion's subject). Spring Authorization Server's own converter requires the parameter, so this one reads the
 * subject from the (not yet verified) assertion; the provider then verifies the signature with that client's keys
 * and checks that issuer and subject are its client id.
 */
class SmartClientAssertionConverter implements AuthenticationConverter {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String type = request.getParameter("client_assertion_type");
        String assertion = request.getParameter("client_assertion");
        if (!JWT_BEARER.equals(type) || assertion == null) {
            return null;
        }
        if (request.getParameterValues("client_assertion").length != 1
                || request.getParameterValues("client_assertion_type").length != 1) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        String clientId = request.getParameter("client_id");
        if (clientId == null) {
            try {
                clientId = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
            } catch (ParseException e) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
        }
        if (clientId == null || clientId.isBlank()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        Map<String, Object> additional = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("client_assertion_type")
                    && !name.equals("client_assertion")
                    && !name.equals("client_id")) {
                additional.put(name, values.length == 1 ? values[0] : values);
            }
        });
        // the provider recognises an assertion by this method (the assertion type), then checks PRIVATE_KEY_JWT itself
        return new OAuth2ClientAuthenticationToken(
                clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion, additional);
    }
}
