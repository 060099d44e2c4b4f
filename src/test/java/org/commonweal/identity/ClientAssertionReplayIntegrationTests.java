package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMART Backend Services: a client assertion is single use. The same signed assertion sent twice gets a token the
 * first time and {@code invalid_client} the second (the jti is held in PostgreSQL, so another instance would refuse
 * it too); an assertion without a jti, or one that expires more than five minutes ahead, is refused.
 */
@IntegrationTest
class ClientAssertionReplayIntegrationTests {

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void aReplayedAssertionIsRefusedAndTheFirstUseIsRecordedInTheDatabase() throws Exception {
        var client = ApiTokens.keyClient(clients, port, ApiScope.ELIGIBILITY_READ);
        String jti = UUID.randomUUID().toString();
        String assertion = sign(client, jti, 240);

        var first = client.requestToken(ApiScope.ELIGIBILITY_READ.value(), assertion);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from identity.client_assertion_jti where client_id = ? and jti = ?")
                        .params(client.clientId(), jti)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        var replay = client.requestToken(ApiScope.ELIGIBILITY_READ.value(), assertion);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("invalid_client");

        // a fresh assertion of the same client still works
        assertThat(client.requestToken(ApiScope.ELIGIBILITY_READ.value()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAssertionWithoutJtiOrLivingLongerThanFiveMinutesIsRefused() throws Exception {
        var client = ApiTokens.keyClient(clients, port, ApiScope.ELIGIBILITY_READ);
        assertThat(client.requestToken(ApiScope.ELIGIBILITY_READ.value(), sign(client, null, 240))
                        .statusCode())
                .isEqualTo(401);
        String longLived = UUID.randomUUID().toString();
        assertThat(client.requestToken(ApiScope.ELIGIBILITY_READ.value(), sign(client, longLived, 3600))
                        .statusCode())
                .isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from identity.client_assertion_jti where jti = ?")
                        .param(longLived)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static String sign(ApiTokens.KeyClient client, String jti, int secondsToLive) throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .issuer(client.clientId())
                .subject(client.clientId())
                .audience(client.tokenUrl())
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + secondsToLive * 1000L));
        if (jti != null) {
            claims.jwtID(jti);
        }
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID(client.key().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(client.key()));
        return jwt.serialize();
    }
}
