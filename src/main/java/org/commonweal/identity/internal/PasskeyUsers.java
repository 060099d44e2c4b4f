package org.commonweal.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Component;

/**
 * The WebAuthn user handle of each login that enrolled a passkey ({@code identity.passkey_user}): a random id that
 * authenticators keep instead of the login name.
 */
@Component
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;

    PasskeyUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        return jdbc.sql("select id, username, display_name from identity.passkey_user where id = ?")
                .param(id.toBase64UrlString())
                .query(PasskeyUsers::userEntity)
                .optional()
                .orElse(null);
    }

    @Override
    public PublicKeyCredentialUserEntity findByUsername(String username) {
        return jdbc.sql("select id, username, display_name from identity.passkey_user where lower(username) = lower(?)")
                .param(username)
                .query(PasskeyUsers::userEntity)
                .optional()
                .orElse(null);
    }

    @Override
    public void save(PublicKeyCredentialUserEntity user) {
        jdbc.sql(
                        "insert into identity.passkey_user (id, username, display_name) values (?, ?, ?) "
                                + "on conflict (id) do update set username = excluded.username, display_name = excluded.display_name")
                .params(user.getId().toBase64UrlString(), user.getName(), user.getDisplayName())
                .update();
    }

    @Override
    public void delete(Bytes id) {
        jdbc.sql("delete from identity.passkey_user where id = ?")
                .param(id.toBase64UrlString())
                .update();
    }

    private static PublicKeyCredentialUserEntity userEntity(ResultSet rs, int row) throws SQLException {
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(Bytes.fromBase64(rs.getString(1)))
                .name(rs.getString(2))
                .displayName(rs.getString(3))
                .build();
    }
}
