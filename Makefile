# The two commands: `make run` and `make check`. CMake does the building; this file only names
# the builds and the order of things.
#   build/release  optimised, no sanitizers: what `make run` serves, and valgrind's subject
#   build/asan     AddressSanitizer + UndefinedBehaviorSanitizer: what the tests run
#   build/fuzz     clang with libFuzzer
SHELL := /bin/bash
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: all deps release asan run check unit api pg pg-roundtrip e2e valgrind fuzz fuzz-run format clean bench

all: release

deps:
	@bash scripts/install-deps

release: deps
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build/release -j $(JOBS)

asan: deps
	@cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DLH_SANITIZE=ON >/dev/null
	@cmake --build build/asan -j $(JOBS)

run: release
	./build/release/lianheti ui --port $(PORT)

# Every test: unit tests and source checks, the API against the real binary on SQLite and again
# on PostgreSQL, the pages in a real browser, the unit tests once more under valgrind, and a
# short run of every fuzz target.
check: asan release
	@LIANHETI_PG= $(MAKE) --no-print-directory unit api pg e2e valgrind fuzz-run

unit:
	@cd build/asan && ctest --output-on-failure -j $(JOBS)

# On SQLite, unless LIANHETI_PG names a PostgreSQL server (then every test database is one there).
api:
	@cd tests && LIANHETI_BIN=$(CURDIR)/build/asan/lianheti node --test --test-concurrency=2 api/

# The API suite and the dataset round trip on a throwaway PostgreSQL server (Debian's postgresql
# package: initdb into a temporary folder, a free port on 127.0.0.1), stopped however they end.
pg:
	@scripts/with-pg $(MAKE) --no-print-directory api pg-roundtrip

# Needs LIANHETI_PG: every fixture round-trips on PostgreSQL, and its export there is
# byte-identical to its export from SQLite.
pg-roundtrip:
	@test -n "$$LIANHETI_PG" || { echo "pg-roundtrip: set LIANHETI_PG (or run make pg)" >&2; exit 2; }
	@scripts/roundtrip-test build/asan/lianheti $(CURDIR) --pg "$$LIANHETI_PG"

e2e:
	@cd tests && LIANHETI_BIN=$(CURDIR)/build/release/lianheti node --test e2e/

valgrind:
	@scripts/valgrind-unit build/release

fuzz: deps
	@cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	  -DLH_FUZZ=ON -DLH_SANITIZE=ON >/dev/null
	@cmake --build build/fuzz -j $(JOBS)

fuzz-run: fuzz
	@scripts/fuzz-smoke build/fuzz

# Benchmarks (docs/performance.md): an optimised build without sanitizers and the bare
# libmicrohttpd ceiling (bench/ceiling.c), then bench/run.mjs prints one table (also in
# build/bench/results.md). BENCH_* variables size it; see bench/run.mjs.
bench:
	@bash scripts/install-deps --bench
	@cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build/bench -j $(JOBS) --target lianheti -- --no-print-directory
	@cc -std=c17 -O2 -g -Wall -Wextra -Werror -D_DEFAULT_SOURCE -o build/bench/ceiling \
	  bench/ceiling.c $$(pkg-config --cflags --libs libmicrohttpd) -lpthread
	@node bench/run.mjs --bin build/bench/lianheti --ceiling build/bench/ceiling --out build/bench

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
