package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The WebAuthn relying party (Spring Security's webauthn4j operations) for passkeys of staff logins.
 * <ul>
 * <li>Relying party id and allowed origins come from {@code commonweal.security.passkeys.rp-id} and
 * {@code .origins}; when they are not set (development, tests on a random port), from the request itself, as the
 * server sees it after the forwarded headers. Production sets both to the public host name and origin.</li>
 * <li>The registration challenge is kept in the session as a small serializable record: Spring Security's own
 * repository puts its options object in the session, which the JDBC session store cannot serialize.</li>
 * <li>A passkey's name is checked before anything is stored ({@link LabelRefused}).</li>
 * </ul>
 */
@Component
class PasskeyRelyingParty implements WebAuthnRelyingPartyOperations, PublicKeyCredentialCreationOptionsRepository {

    static final int MAX_LABEL = 100;
    /** The algorithms offered to authenticators, in order of preference. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256,
            PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.RS256);

    private static final String CREATION = PasskeyRelyingParty.class.getName() + ".creation";

    /** A passkey name that is empty or too long; nothing was stored. */
    static final class LabelRefused extends IllegalArgumentException {
        LabelRefused() {
            super("a passkey needs a name of 1 to " + MAX_LABEL + " characters");
        }
    }

    private final JdbcPasskeys passkeys;
    private final PasskeyUsers users;
    private final String rpId;
    private final Set<String> origins;
    private final String rpName;
    /** Operations per (relying party id, origin) when they come from requests; a few at most, bounded anyway. */
    private final Map<String, Webauthn4JRelyingPartyOperations> operations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Webauthn4JRelyingPartyOperations> eldest) {
            return size() > 16;
        }
    };

    PasskeyRelyingParty(
            JdbcPasskeys passkeys,
            PasskeyUsers users,
            @Value("${commonweal.security.passkeys.rp-id:}") String rpId,
            @Value("${commonweal.security.passkeys.origins:}") String origins,
            @Value("${commonweal.security.passkeys.rp-name:Commonweal}") String rpName) {
        this.passkeys = passkeys;
        this.users = users;
        this.rpId = rpId.strip();
        this.origins = Arrays.stream(origins.split(","))
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.rpName = rpName;
    }

    private synchronized Webauthn4JRelyingPartyOperations operations() {
        HttpServletRequest request =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String id = rpId.isEmpty() ? request.getServerName() : rpId;
        Set<String> allowed = origins.isEmpty() ? Set.of(origin(request)) : origins;
        return operations.computeIfAbsent(id + " " + allowed, key -> {
            var rp = new Webauthn4JRelyingPartyOperations(
                    users,
                    passkeys,
                    PublicKeyCredentialRpEntity.builder().id(id).name(rpName).build(),
                    allowed);
            // a passkey or a security key, resident or not: it is a second factor after the password
            rp.setCustomizeCreationOptions(options -> options.pubKeyCredParams(ALGORITHMS)
                    .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                            .userVerification(UserVerificationRequirement.PREFERRED)
                            .residentKey(ResidentKeyRequirement.PREFERRED)
                            .build()));
            return rp;
        });
    }

    private static String origin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("https".equals(request.getScheme()) && port == 443)
                || ("http".equals(request.getScheme()) && port == 80);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
            PublicKeyCredentialCreationOptionsRequest request) {
        return operations().createPublicKeyCredentialCreationOptions(request);
    }

    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        String label = request.getPublicKey().getLabel();
        if (label == null || label.isBlank() || label.strip().length() > MAX_LABEL) {
            throw new LabelRefused();
        }
        return operations().registerCredential(request);
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
            PublicKeyCredentialRequestOptionsRequest request) {
        return operations().createCredentialRequestOptions(request);
    }

    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        return operations().authenticate(request);
    }

    // --- the registration challenge in the (JDBC) session ---

    /** What verifying a registration needs of the options sent to the browser, serializable for the session store. */
    record PendingRegistration(
            byte[] challenge,
            String rpId,
            String rpName,
            byte[] userId,
            String userName,
            String userDisplayName,
            String userVerification,
            long timeoutMillis)
            implements Serializable {}

    @Override
    public void save(
            HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            var session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(CREATION);
            }
            return;
        }
        var user = options.getUser();
        request.getSession()
                .setAttribute(
                        CREATION,
                        new PendingRegistration(
                                options.getChallenge().getBytes(),
                                options.getRp().getId(),
                                options.getRp().getName(),
                                user.getId().getBytes(),
                                user.getName(),
                                user.getDisplayName(),
                                options.getAuthenticatorSelection()
                                        .getUserVerification()
                                        .getValue(),
                                options.getTimeout() == null
                                        ? 300_000
                                        : options.getTimeout().toMillis()));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(CREATION) instanceof PendingRegistration pending)) {
            return null;
        }
        var verification = UserVerificationRequirement.REQUIRED.getValue().equals(pending.userVerification())
                ? UserVerificationRequirement.REQUIRED
                : UserVerificationRequirement.PREFERRED;
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder()
                        .id(pending.rpId())
                        .name(pending.rpName())
                        .build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(new Bytes(pending.userId()))
                        .name(pending.userName())
                        .displayName(pending.userDisplayName())
                        .build())
                .challenge(new Bytes(pending.challenge()))
                .pubKeyCredParams(ALGORITHMS)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(verification)
                        .residentKey(ResidentKeyRequirement.PREFERRED)
                        .build())
                .timeout(Duration.ofMillis(pending.timeoutMillis()))
                .build();
    }
}
