# Telemetra mock producer.
#   make run    builds if needed, then produces to an embedded Kafka broker (or KAFKA_BOOTSTRAP_SERVERS)
#   make test   runs the whole test suite (what CI runs)
# Pass extra flags with ARGS, e.g. `make run ARGS="--rate-per-sec 500 --channels xqc:15000,demo_stream"`.
MVN ?= mvn -B
JAR := target/telemetra.jar
SOURCES := pom.xml $(shell find src/main schemas -type f 2>/dev/null)
IMAGE ?= telemetra-producer:latest

.PHONY: help install run test consume validate docker-build docker-run docker-check clean lint format quality bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

# The one build command (the Dockerfile runs the same `mvn -B -q -DskipTests package`).
$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

install: $(JAR) ## Build target/telemetra.jar (runnable with java -jar, or ./telemetra)

run: $(JAR) ## Produce to the embedded broker (or KAFKA_BOOTSTRAP_SERVERS) until Ctrl-C
	java $(JAVA_OPTS) -jar $(JAR) produce $(ARGS)

test: ## Run every test: unit and integration, against real in-process Kafka brokers
	$(MVN) test

consume: $(JAR) ## Pretty-print the four topics (KAFKA_BOOTSTRAP_SERVERS, else localhost:9092)
	java $(JAVA_OPTS) -jar $(JAR) consume $(ARGS)

validate: $(JAR) ## Validate events, e.g. make validate ARGS="chat @events.jsonl"
	java $(JAVA_OPTS) -jar $(JAR) validate $(ARGS)

docker-build: ## Build the Docker image (needs a Docker engine)
	docker build -t $(IMAGE) .

docker-run: ## Start Kafka and the producer with docker compose (needs a Docker engine)
	docker compose up -d --build

docker-check: ## Check Dockerfile and compose files without a Docker engine (also run by make test)
	$(MVN) -q test -Dtest=PackagingTest -Dsurefire.failIfNoSpecifiedTests=false

clean: ## Remove build output
	$(MVN) -q clean

lint: ## Fail on formatting violations (Spotless, google-java-format) and compiler warnings
	$(MVN) -q spotless:check
	$(MVN) -q -Plint -DskipTests compile

format: ## Reformat the Java sources
	$(MVN) -q spotless:apply

quality: lint test ## Lint, then the whole test suite

B ?= all

bench: ## Run the benchmarks (see BENCHMARKS.md); `make bench B=e2e` runs one of generation, e2e, rate, scale, startup
	bench/$(B).sh
