package org.commonweal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Test support: a machine client as SMART Backend Services has it. Registers a client with its own RSA key (or a
 * secret, for non-FHIR scopes), signs a client assertion (RS384, audience the token endpoint) and asks
 * {@code POST /oauth2/token} over real HTTP for an access token with the given scopes.
 */
public final class ApiTokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A registered client holding its private key. */
    public record KeyClient(String clientId, RSAKey key, String tokenUrl) {

        public HttpResponse<String> requestToken(String scope) throws Exception {
            return requestToken(scope, assertion(tokenUrl, JWSAlgorithm.RS384));
        }

        public HttpResponse<String> requestToken(String scope, String assertion) throws Exception {
            return post(
                    tokenUrl,
                    "grant_type=client_credentials&scope=" + enc(scope)
                            + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                            + "&client_assertion=" + enc(assertion),
                    null);
        }

        public String assertion(String audience, JWSAlgorithm algorithm) throws JOSEException {
            var claims = new JWTClaimsSet.Builder()
                    .issuer(clientId)
                    .subject(clientId)
                    .audience(audience)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .expirationTime(new Date(System.currentTimeMillis() + 240_000))
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(algorithm)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }

    private ApiTokens() {}

    public static KeyClient keyClient(ApiClients clients, int port, ApiScope... scopes) throws JOSEException {
        RSAKey key =
                new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        var issued = clients.register(new ApiClients.Registration(
                "Test client " + UUID.randomUUID(),
                "tests",
                scopes.length == 0 ? EnumSet.noneOf(ApiScope.class) : EnumSet.copyOf(List.of(scopes)),
                null,
                key.toPublicJWK().toJSONString()));
        return new KeyClient(issued.clientId(), key, "http://localhost:" + port + "/oauth2/token");
    }

    /** {@code "Bearer …"}: an access token for exactly these scopes, from a fresh private-key client. */
    public static String bearer(ApiClients clients, int port, ApiScope... scopes) throws Exception {
        var client = keyClient(clients, port, scopes);
        return "Bearer " + accessToken(client.requestToken(scopeString(scopes)));
    }

    public static String scopeString(ApiScope... scopes) {
        return Arrays.stream(scopes).map(ApiScope::value).collect(Collectors.joining(" "));
    }

    public static String accessToken(HttpResponse<String> tokenResponse) {
        if (tokenResponse.statusCode() != 200) {
            throw new IllegalStateException(
                    "token endpoint answered " + tokenResponse.statusCode() + ": " + tokenResponse.body());
        }
        var m = ACCESS_TOKEN.matcher(tokenResponse.body());
        if (!m.find()) {
            throw new IllegalStateException("no access_token in " + tokenResponse.body());
        }
        return m.group(1);
    }

    public static HttpResponse<String> post(String url, String form, String basicAuth) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicAuth != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
