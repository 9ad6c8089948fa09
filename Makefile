# Wirewatch — every target creates the virtualenv first, so a clean clone needs nothing installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: demo train test ci unit integration reliability lint promtool tools kafka-fetch kafka-start kafka-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## train: rebuild the learned detector models (detectors/data/models/*.npz) from corpus/ + ../shared dev, seeded
train: $(STAMP)
	$(BIN)/wirewatch train

## demo: the seed article through detection and alerting to the console
demo: $(STAMP)
	$(BIN)/wirewatch scan seeds/

## test: lint, promtool, unit tests and integration tests against a real local Kafka broker (< 10 min)
test: $(STAMP) kafka-fetch tools lint promtool
	$(BIN)/pytest tests/unit tests/integration $(PYTEST_ARGS)

## ci: what CI runs — the README's test command, then the fault tests
ci: test reliability

unit: $(STAMP) lint
	$(BIN)/pytest tests/unit $(PYTEST_ARGS)

integration: $(STAMP) kafka-fetch
	$(BIN)/pytest tests/integration $(PYTEST_ARGS)

## reliability: fault tests on real brokers and worker processes (SIGKILL, broker restart, sink outage, fuzz, DLQ
## flood), ~5 min; CI runs them after `make test`. Figures: WIREWATCH_RELIABILITY_REPORT=file.jsonl make reliability
reliability: $(STAMP) kafka-fetch
	$(BIN)/pytest tests/reliability $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

## tools: Debian packages the tests use (kcat for the non-Python scraper interop test)
tools:
	bash deploy/install-tools.sh

## promtool: install Prometheus when missing; check the scrape config and rules, run the rule unit tests
promtool:
	bash deploy/prometheus/install-promtool.sh
	promtool check config deploy/prometheus/prometheus.yml
	promtool check rules deploy/prometheus/rules/*.rules.yml
	cd deploy/prometheus && promtool test rules tests/*.test.yml

## Local Kafka (KRaft, from Maven Central jars, cached in .cache/kafka)
kafka-fetch:
	bash deploy/kafka/kafka.sh fetch

kafka-start: kafka-fetch
	bash deploy/kafka/kafka.sh start --port 9092 --dir .cache/kafka-dev

kafka-stop:
	bash deploy/kafka/kafka.sh stop --dir .cache/kafka-dev

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
