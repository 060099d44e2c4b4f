package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Two requests of one session at once, each adding the same attribute (as the soak test's signed-in requests did):
 * both are saved, the later value wins, no duplicate-key error (#20). Deterministic: the two requests' copies of the
 * session are loaded before either is saved, as two request threads would.
 */
@IntegrationTest
class ConcurrentSessionWritesIntegrationTests {

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Test
    void twoRequestsOfOneSessionMayAddTheSameAttribute() {
        addTheSameAttributeTwice(sessions);
    }

    /** Through the {@link SessionRepository} interface: the repository's session class is not public. */
    private static <S extends Session> void addTheSameAttributeTwice(SessionRepository<S> sessions) {
        S session = sessions.createSession();
        sessions.save(session);
        try {
            S first = sessions.findById(session.getId());
            S second = sessions.findById(session.getId());
            first.setAttribute("drill", "first");
            second.setAttribute("drill", "second");
            sessions.save(first);
            sessions.save(second);
            assertThat(sessions.findById(session.getId()).<String>getAttribute("drill"))
                    .isEqualTo("second");
        } finally {
            sessions.deleteById(session.getId());
        }
    }
}
