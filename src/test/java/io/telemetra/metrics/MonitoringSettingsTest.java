package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.config.UsageException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * METRICS_PORT, METRICS_PER_CHANNEL and HEALTH_UNREACHABLE_THRESHOLD: defaults, values and
 * messages.
 */
class MonitoringSettingsTest {
  private static Settings parse(Map<String, String> env) {
    return new SettingsParser(env, Map.of()).parse();
  }

  @Test
  void parse_nothingSet_usesTheDefaults() {
    Settings s = parse(Map.of());

    assertThat(s.metricsPort()).isEqualTo(9464);
    assertThat(s.metricsPerChannel()).isFalse();
    assertThat(s.healthUnreachableThreshold()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void parse_metricsPortOffOrZero_turnsTheEndpointOff() {
    assertThat(parse(Map.of("METRICS_PORT", "off")).metricsPort()).isZero();
    assertThat(parse(Map.of("METRICS_PORT", "OFF")).metricsPort()).isZero();
    assertThat(parse(Map.of("METRICS_PORT", "0")).metricsPort()).isZero();
  }

  @Test
  void parse_validValues_areTaken() {
    Settings s =
        parse(
            Map.of(
                "METRICS_PORT",
                "19464",
                "METRICS_PER_CHANNEL",
                "true",
                "HEALTH_UNREACHABLE_THRESHOLD",
                "2m"));

    assertThat(s.metricsPort()).isEqualTo(19464);
    assertThat(s.metricsPerChannel()).isTrue();
    assertThat(s.healthUnreachableThreshold()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void parse_badMetricsPort_namesTheVariableAndWhatIsAllowed() {
    assertThatThrownBy(() -> parse(Map.of("METRICS_PORT", "70000")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Invalid value for METRICS_PORT: '70000' (allowed: a port from 1 to 65535, or 0 or 'off' for no endpoint)");
  }

  @Test
  void parse_zeroThreshold_isRejected() {
    assertThatThrownBy(() -> parse(Map.of("HEALTH_UNREACHABLE_THRESHOLD", "0s")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Invalid value for HEALTH_UNREACHABLE_THRESHOLD: '0s' (allowed: a positive duration such as 30s or 2m)");
  }

  @Test
  void parse_badPerChannel_isRejected() {
    assertThatThrownBy(() -> parse(Map.of("METRICS_PER_CHANNEL", "maybe")))
        .isInstanceOf(UsageException.class)
        .hasMessage("Invalid value for METRICS_PER_CHANNEL: 'maybe' (allowed: true or false)");
  }
}
