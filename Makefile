# evcode: top-level driver over CMake.
#   make          build (build/evcode)
#   make run      build and code the bundled examples, printing the events
#   make check    build and run every test
#   make asan     build and run every test under AddressSanitizer + UBSan
#   make bench    throughput on the bench corpus, dictionary load times and
#                 HTML extraction speed (../shared pages), evcode serve under wrk
#                 (bench/serve.sh; skipped without wrk)
#   make bench-python  the Python binding's code_many against the CLI (bench/python.sh)
#   make fuzz     build the libFuzzer targets with clang (build-fuzz/) and run
#                 each for FUZZ_SECONDS over its corpus; fails on any crash
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= code peerdict jsonl clean text dict suite html warc http
ifeq ($(CI),true)
CMAKE_FLAGS += -DEVC_WERROR=ON
endif

.PHONY: all deps build run check asan bench bench-python fuzz clean format lint

all: build

deps:
	@sh scripts/install-deps.sh --check || sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: deps build
	$(BUILD)/evcode code --quotes examples/*.txt

check: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan:
	$(MAKE) check BUILD=build-asan BUILD_TYPE=Asan

bench: deps build
	sh bench/run.sh $(BUILD)/evcode
	sh bench/load.sh $(BUILD)/evcode
	sh bench/extract.sh $(BUILD)/evcode
	sh bench/serve.sh $(BUILD)/evcode

bench-python: deps build
	sh bench/python.sh $(BUILD)

fuzz:
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DEVC_LIBFUZZER=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS)
	sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf build build-asan build-fuzz

format:
	clang-format -i src/*.c src/*.h include/*.h tools/evcode/*.c tests/unit/*.c tests/unit/*.h

lint:
	clang-tidy src/*.c tools/evcode/*.c -- -Iinclude -Isrc -std=c11
