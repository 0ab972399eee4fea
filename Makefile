# Meldpunt: `make run` and `make test` set everything up on a fresh Debian 12 machine.
JOBS ?= 2
FUZZ_SECONDS ?= 30

.PHONY: all deps build run test unit-test sanitized-test fuzz bench format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)

# Until the server exists, the main job validates the seed procedures and prints them as regulations.
run: build
	./build/default/meldpunt procedure check policies/*.toml
	@for f in policies/*.toml; do echo; ./build/default/meldpunt procedure show $$f; done

unit-test: build
	ctest --preset default -j $(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (preset "debug").
sanitized-test: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)
	ctest --test-dir build/debug -j $(JOBS) --output-on-failure

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_procedure_parser
	@mkdir -p build/fuzz/corpus
	./build/fuzz/fuzz_procedure_parser -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -dict=fuzz/procedure.dict build/fuzz/corpus fuzz/seeds policies

test: unit-test sanitized-test fuzz format-check
	./build/default/meldpunt procedure check policies/*.toml

bench: build
	./build/default/engine_bench --benchmark_min_time=0.5

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
