package io.telemetra.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.telemetra.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be proven about the Docker packaging without a Docker engine (none runs on the build
 * machines): the compose files parse and reference existing files, services, networks, volumes and
 * variables; the image builds with the Makefile's build command and runs as non-root.
 */
class PackagingTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Variables the program reads besides the Setting table (metrics, manifest, JVM). */
  static Set<String> knownVariables() throws IOException {
    Set<String> known = new HashSet<>();
    for (Setting s : Setting.values()) {
      known.add(s.env());
    }
    // Every variable documented in .env.example is one the program knows (checked below).
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]+)=").matcher(line);
      if (m.find()) {
        known.add(m.group(1));
      }
    }
    known.add("JAVA_TOOL_OPTIONS");
    return known;
  }

  private static JsonNode yaml(String file) throws IOException {
    return YAML.readTree(ROOT.resolve(file).toFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.snippet.yml"})
  void composeFile_parsesAndReferencesOnlyWhatExists(String file) throws IOException {
    JsonNode compose = yaml(file);
    JsonNode services = compose.get("services");
    assertThat(services).as("services").isNotNull();
    Set<String> serviceNames = new HashSet<>();
    services.fieldNames().forEachRemaining(serviceNames::add);
    Set<String> networks = new HashSet<>();
    if (compose.has("networks")) {
      compose.get("networks").fieldNames().forEachRemaining(networks::add);
    }
    Set<String> volumes = new HashSet<>();
    if (compose.has("volumes")) {
      compose.get("volumes").fieldNames().forEachRemaining(volumes::add);
    }
    Set<String> known = knownVariables();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode svc = e.getValue();
      assertThat(svc.has("image") || svc.has("build"))
          .as(e.getKey() + " has an image or build")
          .isTrue();
      if (svc.has("build")) {
        String context =
            svc.get("build").isTextual()
                ? svc.get("build").asText()
                : svc.get("build").path("context").asText(".");
        assertThat(ROOT.resolve(context).resolve("Dockerfile"))
            .as("Dockerfile of " + e.getKey())
            .exists();
      }
      if (svc.has("depends_on")) {
        Iterator<String> deps =
            svc.get("depends_on").isArray()
                ? toTexts(svc.get("depends_on"))
                : svc.get("depends_on").fieldNames();
        deps.forEachRemaining(
            d -> assertThat(serviceNames).as(e.getKey() + " depends_on").contains(d));
      }
      if (svc.has("networks")) {
        toTexts(svc.get("networks"))
            .forEachRemaining(n -> assertThat(networks).as(e.getKey() + " network").contains(n));
      }
      if (svc.has("volumes")) {
        toTexts(svc.get("volumes"))
            .forEachRemaining(
                v -> {
                  String source = v.split(":")[0];
                  if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(volumes).as(e.getKey() + " volume").contains(source);
                  }
                });
      }
      if (svc.has("env_file")) {
        assertThat(ROOT.resolve(".env.example")).exists();
      }
      boolean ours = svc.path("image").asText().startsWith("telemetra") || svc.has("build");
      if (ours && svc.has("environment")) {
        svc.get("environment")
            .fieldNames()
            .forEachRemaining(
                name -> assertThat(known).as(e.getKey() + " sets " + name).contains(name));
      }
    }
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(ROOT.resolve(file)));
    while (m.find()) {
      assertThat(known).as("${" + m.group(1) + "} in " + file).contains(m.group(1));
    }
  }

  @Test
  void dockerfile_buildsWithTheMakefilesCommand() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    String makefile = Files.readString(ROOT.resolve("Makefile"));
    Matcher recipe = Pattern.compile("\\$\\(JAR\\): .*\\n\\t(.+)").matcher(makefile);
    assertThat(recipe.find()).as("Makefile has a $(JAR) recipe").isTrue();
    Matcher mvn = Pattern.compile("^MVN \\?= (.+)$", Pattern.MULTILINE).matcher(makefile);
    assertThat(mvn.find()).isTrue();
    String makeCommand = recipe.group(1).replace("$(MVN)", mvn.group(1).trim()).trim();
    assertThat(dockerfile).contains("RUN " + makeCommand + "\n");
  }

  @Test
  void dockerfile_runsAsNonRootWithHealthcheckOnAJre() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
    String lastFrom =
        lines.stream().filter(l -> l.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow();
    assertThat(lastFrom).contains("jre");
    String user =
        lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).doesNotContain("root").isNotEqualTo("USER 0").doesNotStartWith("USER 0:");
    assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("/health");
    for (String l : lines) {
      if (l.startsWith("ENV ") || l.startsWith("ARG ")) {
        assertThat(l.toUpperCase()).doesNotContain("PASSWORD=").doesNotContain("SECRET=");
      }
    }
  }

  @Test
  void envExample_documentsEverySetting() throws IOException {
    String env = Files.readString(ROOT.resolve(".env.example"));
    for (Setting s : Setting.values()) {
      assertThat(env).as(s.env()).containsPattern("(?m)^#?\\s*" + s.env() + "=");
    }
  }

  private static Iterator<String> toTexts(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.isTextual() ? n.asText() : n.fieldNames().next()));
    } else {
      node.fieldNames().forEachRemaining(out::add);
    }
    return out.iterator();
  }
}
