package org.commonweal.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.commonweal.identity.PasskeyChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passkeys of logins in PostgreSQL ({@code identity.passkey_credential}), for Spring Security's WebAuthn support:
 * its credential records (the user handles are {@link PasskeyUsers}). (Spring Security's own JDBC repositories
 * write unqualified tables in the public schema; the identity module keeps its data in its schema.) Enrolling and
 * removing a passkey, by its owner or by an administrator, is published as {@link PasskeyChanged} for the audit trail.
 */
@Component
class JdbcPasskeys implements UserCredentialRepository {

    /** A passkey as the login's page and the administrators' page show it. */
    record Passkey(String credentialId, String label, OffsetDateTime created, OffsetDateTime lastUsed) {}

    private static final String CREDENTIAL_COLUMNS = "credential_id, user_entity_user_id, public_key, signature_count, "
            + "uv_initialized, backup_eligible, backup_state, authenticator_transports, public_key_credential_type, "
            + "attestation_object, attestation_client_data_json, created, last_used, label";

    private final JdbcClient jdbc;
    private final PasskeyUsers users;
    private final ApplicationEventPublisher events;

    JdbcPasskeys(JdbcClient jdbc, PasskeyUsers users, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    // --- credentials ---

    @Override
    @Transactional
    public void save(CredentialRecord record) {
        String transports = record.getTransports() == null
                ? ""
                : record.getTransports().stream()
                        .map(AuthenticatorTransport::getValue)
                        .sorted()
                        .collect(Collectors.joining(","));
        int updated = jdbc.sql("update identity.passkey_credential set signature_count = ?, uv_initialized = ?, "
                        + "backup_eligible = ?, backup_state = ?, last_used = ? where credential_id = ?")
                .params(
                        record.getSignatureCount(),
                        record.isUvInitialized(),
                        record.isBackupEligible(),
                        record.isBackupState(),
                        utc(record.getLastUsed()),
                        record.getCredentialId().toBase64UrlString())
                .update();
        if (updated > 0) {
            return;
        }
        jdbc.sql("insert into identity.passkey_credential (" + CREDENTIAL_COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        record.getCredentialId().toBase64UrlString(),
                        record.getUserEntityUserId().toBase64UrlString(),
                        record.getPublicKey().getBytes(),
                        record.getSignatureCount(),
                        record.isUvInitialized(),
                        record.isBackupEligible(),
                        record.isBackupState(),
                        transports,
                        record.getCredentialType() == null
                                ? PublicKeyCredentialType.PUBLIC_KEY.getValue()
                                : record.getCredentialType().getValue(),
                        bytes(record.getAttestationObject()),
                        bytes(record.getAttestationClientDataJSON()),
                        utc(record.getCreated()),
                        utc(record.getLastUsed()),
                        record.getLabel().strip())
                .update();
        events.publishEvent(new PasskeyChanged(
                owner(record.getUserEntityUserId()),
                record.getLabel().strip(),
                PasskeyChanged.Change.ENROLLED,
                actor()));
    }

    @Override
    @Transactional
    public void delete(Bytes credentialId) {
        var removed = jdbc.sql("delete from identity.passkey_credential where credential_id = ? "
                        + "returning user_entity_user_id, label")
                .param(credentialId.toBase64UrlString())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        removed.ifPresent(row -> events.publishEvent(
                new PasskeyChanged(owner(Bytes.fromBase64(row[0])), row[1], PasskeyChanged.Change.REMOVED, actor())));
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.sql("select " + CREDENTIAL_COLUMNS + " from identity.passkey_credential where credential_id = ?")
                .param(credentialId.toBase64UrlString())
                .query(JdbcPasskeys::credential)
                .optional()
                .orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.sql("select " + CREDENTIAL_COLUMNS + " from identity.passkey_credential "
                        + "where user_entity_user_id = ? order by created")
                .param(userId.toBase64UrlString())
                .query(JdbcPasskeys::credential)
                .list();
    }

    // --- for the pages and the sign-in rule ---

    /** The login's passkeys, oldest first. */
    List<Passkey> of(String username) {
        return jdbc.sql("select c.credential_id, c.label, c.created, c.last_used from identity.passkey_credential c "
                        + "join identity.passkey_user u on u.id = c.user_entity_user_id where lower(u.username) = lower(?) "
                        + "order by c.created")
                .param(username)
                .query((rs, n) -> new Passkey(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    boolean hasAny(String username) {
        return jdbc.sql("select exists (select 1 from identity.passkey_credential c join identity.passkey_user u "
                        + "on u.id = c.user_entity_user_id where lower(u.username) = lower(?))")
                .param(username)
                .query(Boolean.class)
                .single();
    }

    /** Removes one passkey of this login; false when the login has no passkey of that id. */
    @Transactional
    boolean remove(String username, String credentialId) {
        boolean owned = of(username).stream().anyMatch(p -> p.credentialId().equals(credentialId));
        if (owned) {
            delete(Bytes.fromBase64(credentialId));
        }
        return owned;
    }

    /** An administrator's recovery: removes every passkey of the login; returns how many. */
    @Transactional
    int removeAll(String username) {
        var all = of(username);
        all.forEach(p -> delete(Bytes.fromBase64(p.credentialId())));
        return all.size();
    }

    private String owner(Bytes userId) {
        var user = users.findById(userId);
        return user == null ? "?" : user.getName();
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    private static CredentialRecord credential(ResultSet rs, int row) throws SQLException {
        var transports = new LinkedHashSet<AuthenticatorTransport>();
        Arrays.stream(rs.getString("authenticator_transports").split(","))
                .filter(t -> !t.isBlank())
                .map(AuthenticatorTransport::valueOf)
                .forEach(transports::add);
        byte[] attestation = rs.getBytes("attestation_object");
        byte[] clientData = rs.getBytes("attestation_client_data_json");
        return ImmutableCredentialRecord.builder()
                .credentialId(Bytes.fromBase64(rs.getString("credential_id")))
                .userEntityUserId(Bytes.fromBase64(rs.getString("user_entity_user_id")))
                .publicKey(new ImmutablePublicKeyCose(rs.getBytes("public_key")))
                .signatureCount(rs.getLong("signature_count"))
                .uvInitialized(rs.getBoolean("uv_initialized"))
                .backupEligible(rs.getBoolean("backup_eligible"))
                .backupState(rs.getBoolean("backup_state"))
                .transports(transports)
                .credentialType(PublicKeyCredentialType.valueOf(rs.getString("public_key_credential_type")))
                .attestationObject(attestation == null ? null : new Bytes(attestation))
                .attestationClientDataJSON(clientData == null ? null : new Bytes(clientData))
                .created(rs.getObject("created", OffsetDateTime.class).toInstant())
                .lastUsed(rs.getObject("last_used", OffsetDateTime.class).toInstant())
                .label(rs.getString("label"))
                .build();
    }

    private static byte[] bytes(Bytes value) {
        return value == null ? null : value.getBytes();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant == null ? Instant.now() : instant, ZoneOffset.UTC);
    }
}
