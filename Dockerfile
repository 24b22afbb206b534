# syntax=docker/dockerfile:1
# Telemetra mock producer. Build: `make docker-build` (docker build -t telemetra-producer .)

# ---- build stage: Maven on a JDK ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so source edits do not re-download them.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src src
COPY schemas schemas
# The same build command as the Makefile's jar target.
RUN mvn -B -q -DskipTests package

# ---- runtime stage: JRE only ----
FROM eclipse-temurin:17-jre
# curl only for the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 telemetra \
 && useradd --system --uid 10001 --gid telemetra --home-dir /app --shell /usr/sbin/nologin telemetra
WORKDIR /app
COPY --from=build /src/target/telemetra.jar /app/telemetra.jar
USER 10001:10001
ENV METRICS_PORT=9464 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${METRICS_PORT}/health" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/telemetra.jar"]
CMD ["produce"]
