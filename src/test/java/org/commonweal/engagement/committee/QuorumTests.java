package org.commonweal.engagement.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuorumTests {

    @Test
    void aMajorityOfSeatedMembersIsQuorum() {
        assertThat(Quorum.of(35, 18, 50).met()).isTrue();
        assertThat(Quorum.of(35, 17, 50).met()).isFalse();
        assertThat(Quorum.of(20, 10, 50).required()).isEqualTo(11);
        assertThat(Quorum.of(20, 11, 50).met()).isTrue();
    }

    @Test
    void anotherShareIsData() {
        assertThat(Quorum.of(30, 10, 33).required()).isEqualTo(10);
        assertThat(Quorum.of(30, 10, 33).met()).isTrue();
    }

    @Test
    void anEmptyCommitteeNeverHasQuorum() {
        assertThat(Quorum.of(0, 0, 50).met()).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Quorum.of(-1, 0, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quorum.of(10, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excusedMembersAreNotPresent() {
        assertThat(AttendanceMode.EXCUSED.present()).isFalse();
        assertThat(AttendanceMode.REMOTE.present()).isTrue();
    }
}
