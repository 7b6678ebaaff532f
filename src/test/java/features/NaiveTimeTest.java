package features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

class NaiveTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2021-07-07T11:02:54Z, 2021-07-07T11:02:54",
        "2022-01-04T10:10:46.565Z, 2022-01-04T10:10:46",
        "2020-12-09T16:17:42.822020204Z, 2020-12-09T16:17:42",
        "2021-10-01T11:00:00+02:00, 2021-10-01T09:00:00",
        "2021-12-31T23:30:00-01:00, 2022-01-01T00:30:00",
        "2021-07-07T11:02:54, 2021-07-07T11:02:54",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00"
    })
    void rfc3339BecomesUtcWholeSeconds(String source, String naive) {
        assertThat(NaiveTime.parse(source)).contains(naive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yesterday", "2021-07-07", "2021-02-30T00:00:00Z", "07/07/2021 11:02:54",
        "+10000-01-01T00:00:00Z"})
    void unreadableTimesAreAbsent(String source) {
        assertThat(NaiveTime.parse(source)).isEmpty();
    }

    @Test
    void nullIsAbsent() {
        assertThat(NaiveTime.parse(null)).isEmpty();
    }

    @Test
    void formatCutsFractionsAndRefusesYearsTsNaiveCannotHold() {
        assertThat(NaiveTime.format(LocalDateTime.of(2024, 2, 22, 11, 15, 42, 999_000_000))).isEqualTo("2024-02-22T11:15:42");
        assertThat(NaiveTime.utc(Instant.parse("2024-02-22T11:15:42.750Z"))).isEqualTo(LocalDateTime.of(2024, 2, 22, 11, 15, 42));
        assertThatThrownBy(() -> NaiveTime.format(LocalDateTime.of(10000, 1, 1, 0, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
