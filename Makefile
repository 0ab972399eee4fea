# Meldpunt: `make run` and `make test` set everything up on a fresh Debian 12 machine.
JOBS ?= 2
FUZZ_SECONDS ?= 30

.PHONY: all deps build run test unit-test browser-test sanitized-test fuzz bench bench-load format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)

# The main job: check the seed procedures, then serve the register on the embedded SQLite database
# (var/meldpunt.db) with the five seed organisations and demo accounts, whose tokens it prints.
run: build
	./build/default/meldpunt procedure check policies/*.toml
	./build/default/meldpunt serve --demo --db var/meldpunt.db --listen 127.0.0.1:8080

unit-test: build
	ctest --preset default -j $(JOBS)

# The web pages end to end in Debian's Chromium (tests/e2e/run.mjs); screenshots in tests/e2e/screenshots/.
browser-test: build
	node tests/e2e/run.mjs build/default/meldpunt

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (preset "debug").
sanitized-test: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)
	ctest --test-dir build/debug -j $(JOBS) --output-on-failure

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_procedure_parser fuzz_intake_json fuzz_form fuzz_mail_message
	@mkdir -p build/fuzz/corpus build/fuzz/intake-corpus build/fuzz/form-corpus build/fuzz/mail-corpus
	./build/fuzz/fuzz_procedure_parser -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -dict=fuzz/procedure.dict build/fuzz/corpus fuzz/seeds policies
	./build/fuzz/fuzz_intake_json -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    build/fuzz/intake-corpus fuzz/intake-seeds
	./build/fuzz/fuzz_form -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    build/fuzz/form-corpus fuzz/form-seeds
	./build/fuzz/fuzz_mail_message -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    build/fuzz/mail-corpus tests/mail_corpus

test: unit-test browser-test sanitized-test fuzz format-check
	./build/default/meldpunt procedure check policies/*.toml

bench: build
	./build/default/engine_bench --benchmark_min_time=0.5
	./build/default/letter_pdf_bench --benchmark_min_time=0.5

# Load benchmarks of the server (wrk); figures go to docs/performance.md.
bench-load: build
	bench/run-load.sh sqlite 100000
	bench/run-load.sh postgres 100000

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
