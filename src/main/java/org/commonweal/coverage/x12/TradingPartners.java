package org.commonweal.coverage.x12;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The trading partners of {@code coverage.trading_partner}: which transaction sets a sender (ISA05/ISA06) may send,
 * and the character set of our answers. Read into memory and reread at most a minute later, or at once after an
 * edit on this instance ({@link #changed()}).
 */
@Component
public class TradingPartners {

    /** One partner's profile. */
    public record Partner(
            long id,
            String name,
            String isaQualifier,
            String isaId,
            List<String> transactionSets,
            String characterSet,
            boolean active) {

        public boolean utf8() {
            return characterSet.equals("utf-8");
        }
    }

    private static final long REFRESH_NANOS = 60_000_000_000L;

    private final JdbcClient jdbc;
    private volatile Map<String, Partner> byKey;
    private volatile long loadedAt;

    public TradingPartners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Partner> all() {
        return jdbc.sql("""
                select id, name, isa_qualifier, isa_id, transaction_sets, character_set, active
                from coverage.trading_partner order by name""")
                .query((rs, n) -> new Partner(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        List.of((String[]) rs.getArray(5).getArray()),
                        rs.getString(6),
                        rs.getBoolean(7)))
                .list();
    }

    /** The active partner with this ISA qualifier and id (trimmed), if registered. */
    public Optional<Partner> find(String qualifier, String isaId) {
        Map<String, Partner> map = byKey;
        if (map == null || System.nanoTime() - loadedAt > REFRESH_NANOS) {
            map = all().stream()
                    .filter(Partner::active)
                    .collect(Collectors.toUnmodifiableMap(p -> key(p.isaQualifier(), p.isaId()), Function.identity()));
            byKey = map;
            loadedAt = System.nanoTime();
        }
        return Optional.ofNullable(map.get(key(qualifier, isaId)));
    }

    /** Whether a sender may send this transaction set: yes when unregistered, else when its profile lists it. */
    public boolean allows(String qualifier, String isaId, String transactionSet) {
        return find(qualifier, isaId)
                .map(p -> p.transactionSets().contains(transactionSet))
                .orElse(true);
    }

    /** Forget the cached profiles after an edit. */
    public void changed() {
        byKey = null;
    }

    private static String key(String qualifier, String isaId) {
        return (qualifier == null ? "" : qualifier.trim()) + "|" + (isaId == null ? "" : isaId.trim());
    }
}
