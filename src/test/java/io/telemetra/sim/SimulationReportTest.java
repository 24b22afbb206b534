package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulationReportTest {
  @Test
  void report_oneHourOfFiftyChannels_printsFigures() {
    String report = SimulationReport.report();
    System.out.println(report);
    assertThat(report).contains("raids");
  }
}
