package org.commonweal.centers.referral;

import java.util.Locale;
import java.util.Optional;
import org.commonweal.centers.RegistrationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns what a promoter wrote into a session: a session id ({@code 1234}), or {@code CENTER:CLASS} where CLASS is the
 * program code, its category, or the series or program title written as a slug ({@code EAST-LA:HEALTHY-COOKING}).
 * The class's next session with a free seat within four weeks is chosen, else its very next session (waitlist).
 */
@Component
class ReferenceResolver {

    private static final String SLUG = "trim(both '-' from regexp_replace(lower(%s), '[^a-z0-9]+', '-', 'g'))";

    private final JdbcClient jdbc;

    ReferenceResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextSession(String reference) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.matches("\\d{1,18}")) {
            return openSession(Long.parseLong(ref))
                    .orElseThrow(() -> new RegistrationException(
                            "classReference", "session " + ref + " does not exist, is cancelled or has started"));
        }
        int colon = ref.indexOf(':');
        if (colon < 1 || colon == ref.length() - 1) {
            throw new RegistrationException(
                    "classReference", "'" + ref + "' is neither a session number nor CENTER:CLASS");
        }
        String center = slug(ref.substring(0, colon));
        String klass = slug(ref.substring(colon + 1));
        if (jdbc.sql("select count(*) from centers.center where code = ?")
                        .param(center)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new RegistrationException("classReference", "no center '" + center + "'");
        }
        return jdbc.sql(("""
                select s.id from centers.class_session s
                join centers.class_series r on r.id = s.series_id
                join centers.program p on p.id = r.program_id
                join centers.center c on c.id = s.center_id
                where c.code = :center and r.active and s.status = 'scheduled' and s.starts_at > now()
                  and (p.code = :class or p.category = :class or %s = :class or %s = :class or %s = :class)
                order by (s.taken < s.capacity and s.starts_at < now() + interval '28 days') desc, s.starts_at, s.id
                limit 1""")
                        .formatted(
                                SLUG.formatted("p.name_en"),
                                SLUG.formatted("r.title_en"),
                                SLUG.formatted("r.title_es")))
                .param("center", center)
                .param("class", klass)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new RegistrationException(
                        "classReference", "no upcoming session of '" + klass + "' at " + center));
    }

    private Optional<Long> openSession(long id) {
        return jdbc.sql("""
                select id from centers.class_session where id = ? and status = 'scheduled' and starts_at > now()""").param(id).query(Long.class).optional();
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
