# Telemetra mock producer. `make run` builds if needed and produces to an embedded Kafka broker;
# `make test` runs the whole test suite (what CI runs).
MVN ?= mvn -B
JAR := target/telemetra.jar
SOURCES := pom.xml $(shell find src/main schemas -type f 2>/dev/null)

.PHONY: install run test clean

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

install: $(JAR) ## Build target/telemetra.jar

run: $(JAR) ## Produce to the embedded broker (or KAFKA_BOOTSTRAP_SERVERS) until Ctrl-C
	java $(JAVA_OPTS) -jar $(JAR) produce $(ARGS)

test: ## Run every test (unit and integration, against real in-process Kafka brokers)
	$(MVN) test

clean:
	$(MVN) -q clean
