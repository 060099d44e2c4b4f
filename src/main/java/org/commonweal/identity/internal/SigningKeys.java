package org.commonweal.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys that sign access tokens, kept in {@code identity.signing_key} so every instance of a cluster signs with
 * the same key and a restart does not invalidate tokens. The newest key that is not retired signs; retired keys stay
 * published (and accepted) for {@link #RETIRED_KEPT} so tokens they signed run out normally. Held in memory and
 * re-read at most every {@link #RELOAD_AFTER} (or at once for an unknown key id), so validating a token never waits
 * on the database. Private keys are encrypted with AES-GCM under {@code commonweal.security.token-key-secret} when
 * it is set (production); in demo mode they are stored as they are.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final Duration RETIRED_KEPT = Duration.ofHours(1);
    private static final long RELOAD_AFTER = Duration.ofSeconds(60).toNanos();
    private static final long RELOAD_UNKNOWN_AT_MOST = Duration.ofSeconds(5).toNanos();

    private final JdbcClient jdbc;
    private final SecretKeySpec encryption;
    private final SecureRandom random = new SecureRandom();
    private volatile Keys keys = new Keys(List.of(), null, Long.MIN_VALUE);

    /** The published keys (active first) and the one that signs. */
    private record Keys(List<JWK> published, RSAKey active, long loadedAt) {}

    SigningKeys(JdbcClient jdbc, @Value("${commonweal.security.token-key-secret:}") String secret) {
        this.jdbc = jdbc;
        this.encryption = secret.isBlank() ? null : new SecretKeySpec(sha256(secret), "AES");
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new com.nimbusds.jose.jwk.JWKSet(current().published()));
    }

    /** The key id the next token is signed with. */
    String activeKeyId() {
        return current().active().getKeyID();
    }

    /** The public key with this id, re-reading the table (at most every few seconds) when it is not known yet. */
    JWK publicKey(String kid) {
        Keys now = current();
        for (JWK jwk : now.published()) {
            if (jwk.getKeyID().equals(kid)) {
                return jwk.toPublicJWK();
            }
        }
        if (System.nanoTime() - now.loadedAt() > RELOAD_UNKNOWN_AT_MOST) {
            keys = load();
            return keys.published().stream()
                    .filter(k -> k.getKeyID().equals(kid))
                    .findFirst()
                    .map(JWK::toPublicJWK)
                    .orElse(null);
        }
        return null;
    }

    /** Adds a new signing key and retires the others; the new one signs from the next token on. */
    synchronized String rotate() {
        String kid = insertNewKey();
        jdbc.sql("update identity.signing_key set retired_at = now() where retired_at is null and kid <> ?")
                .param(kid)
                .update();
        keys = load();
        return kid;
    }

    private Keys current() {
        Keys now = keys;
        if (now.active() == null || System.nanoTime() - now.loadedAt() > RELOAD_AFTER) {
            synchronized (this) {
                if (keys == now) {
                    keys = load();
                }
                return keys;
            }
        }
        return now;
    }

    private Keys load() {
        var rows = jdbc.sql("""
                select kid, private_key, encrypted, public_jwk from identity.signing_key
                where retired_at is null or retired_at > now() - make_interval(secs => ?)
                order by retired_at nulls first, created_at desc""")
                .param(RETIRED_KEPT.toSeconds())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getBoolean(3), rs.getString(4)})
                .list();
        if (rows.isEmpty()) {
            insertNewKey();
            return load();
        }
        List<JWK> published = new ArrayList<>();
        RSAKey active = null;
        for (Object[] row : rows) {
            RSAKey key = privateKey((String) row[0], (byte[]) row[1], (Boolean) row[2], (String) row[3]);
            if (active == null) {
                active = key;
            }
            published.add(key);
        }
        return new Keys(List.copyOf(published), active, System.nanoTime());
    }

    private String insertNewKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            jdbc.sql("insert into identity.signing_key (kid, public_jwk, private_key, encrypted) values (?, ?, ?, ?)")
                    .params(kid, jwk.toJSONString(), encryption == null ? pkcs8 : encrypt(pkcs8), encryption != null)
                    .update();
            log.info("New token signing key {}", kid);
            return kid;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private RSAKey privateKey(String kid, byte[] stored, boolean encrypted, String publicJwk) {
        try {
            if (encrypted && encryption == null) {
                throw new IllegalStateException("signing key " + kid
                        + " is encrypted: set commonweal.security.token-key-secret (COMMONWEAL_TOKEN_KEY_SECRET)");
            }
            byte[] pkcs8 = encrypted ? decrypt(stored) : stored;
            var privateKey =
                    (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(RSAKey.parse(publicJwk))
                    .privateKey(privateKey)
                    .build();
        } catch (GeneralSecurityException | ParseException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be read", e);
        }
    }

    private byte[] encrypt(byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    private byte[] decrypt(byte[] stored) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, stored, 0, 12));
        return cipher.doFinal(stored, 12, stored.length - 12);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
