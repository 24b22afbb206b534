package io.telemetra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README and .env.example document exactly the settings the program has. */
class SettingsDocTest {
  @Test
  void envExample_isGeneratedFromTheSettingTable() throws Exception {
    assertThat(Files.readString(Path.of(".env.example")))
        .as(
            "regenerate: java -cp target/classes io.telemetra.config.SettingsDoc env > .env.example")
        .isEqualTo(SettingsDoc.envExample());
  }

  @Test
  void readme_containsTheSettingTable() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .as("regenerate: java -cp target/classes io.telemetra.config.SettingsDoc markdown")
        .contains(SettingsDoc.markdownTable());
  }
}
