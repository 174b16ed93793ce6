package dev.tandem.scenarios.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeTextTest {
    private static final long S = 1_000_000_000L;

    @Test
    void durationsParseExactlyIntoNanoseconds() {
        assertThat(TimeText.parseDuration("5m")).isEqualTo(300 * S);
        assertThat(TimeText.parseDuration("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(TimeText.parseDuration("250ms")).isEqualTo(250_000_000L);
        assertThat(TimeText.parseDuration("1h30m")).isEqualTo(5_400 * S);
        assertThat(TimeText.parseDuration("2d")).isEqualTo(172_800 * S);
        assertThat(TimeText.parseDuration("7us")).isEqualTo(7_000L);
        assertThat(TimeText.parseDuration("7µs")).isEqualTo(7_000L);
        assertThat(TimeText.parseDuration("3ns")).isEqualTo(3L);
        assertThat(TimeText.parseDuration("0")).isZero();
        // 0.1 has no exact binary representation; decimal parsing keeps it exact
        assertThat(TimeText.parseDuration("0.1s")).isEqualTo(100_000_000L);
        assertThat(TimeText.parseDuration("0.000000001s")).isEqualTo(1L);
    }

    @Test
    void badDurationsAreRejectedWithAReason() {
        assertThatThrownBy(() -> TimeText.parseDuration("5 minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> TimeText.parseDuration("5")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> TimeText.parseDuration("1.5ns")).hasMessageContaining("whole number of nanoseconds");
        assertThatThrownBy(() -> TimeText.parseDuration("30m1h")).hasMessageContaining("largest first");
        assertThatThrownBy(() -> TimeText.parseDuration("1m1m")).hasMessageContaining("largest first");
        assertThatThrownBy(() -> TimeText.parseDuration("999999999d")).hasMessageContaining("too long");
        assertThatThrownBy(() -> TimeText.parseDuration("")).hasMessageContaining("empty");
    }

    @Test
    void instantsParseWithTheirOffset() {
        assertThat(TimeText.parseInstant("2024-01-01T00:00:00Z")).isEqualTo(1_704_067_200L * S);
        assertThat(TimeText.parseInstant("2024-01-01T02:00:00+02:00")).isEqualTo(1_704_067_200L * S);
        assertThat(TimeText.parseInstant("2024-01-01T00:00:00.000000001Z")).isEqualTo(1_704_067_200L * S + 1);
        assertThatThrownBy(() -> TimeText.parseInstant("2024-01-01T00:00:00")).hasMessageContaining("with an offset");
    }

    @Test
    void timesAreInstantsOrOffsetsFromTheStart() {
        final long start = TimeText.parseInstant("2024-01-01T00:00:00Z");
        assertThat(TimeText.parseTime("10m", start)).isEqualTo(start + 600 * S);
        assertThat(TimeText.parseTime("2024-01-01T00:10:00Z", start)).isEqualTo(start + 600 * S);
    }

    @Test
    void formattingRoundTrips() {
        for (final String d : new String[] {"0", "1d2h3m", "1h30m", "5m", "1.5s", "250ms", "0.000001s", "1m0.5s"}) {
            assertThat(TimeText.parseDuration(TimeText.formatDuration(TimeText.parseDuration(d))))
                    .isEqualTo(TimeText.parseDuration(d));
        }
        assertThat(TimeText.formatDuration(5_400 * S)).isEqualTo("1h30m");
        assertThat(TimeText.formatDuration(250_000_000L)).isEqualTo("250ms");
        assertThat(TimeText.formatDuration(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(TimeText.formatInstant(1_704_067_200L * S)).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(TimeText.formatRunTime(1_704_067_800L * S, 1_704_067_200L * S)).isEqualTo("T+10m (2024-01-01T00:10:00Z)");
    }
}
