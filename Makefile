# clxs: the two commands are `make serve` and `make test`. Every target that builds first
# installs whatever is missing (scripts/setup.sh is fast when nothing is).
#
#   make build          set-up, configure and build into build/
#   make serve          build, then run build/bin/clxs serve on $(HOST):$(PORT)
#   make test           set-up for tests, build, ctest, then the ASan+UBSan build and its ctest
#   make test-unit      the first half of `make test` (no sanitizer build)
#   make test-sanitize  the second half of `make test`, on its own
#   make format         clang-format our sources in place; format-check only reports
#   make tidy           clang-tidy on the C++ files changed against origin (or HEAD~1)
#   make package        the .deb, into build/packages/
#   make bench          bench/http.sh: clxs vs nginx on /api/health
#   make clean          remove build/, build-asan/ and build-tidy/; distclean also third_party/

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

NPROC := $(shell nproc 2>/dev/null || echo 2)
BUILD_DIR ?= build
ASAN_BUILD_DIR ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
CMAKE_ARGS ?=
# Most tests wait on a server or a subprocess rather than compute: four at once on two cores
# halves the test phases (docs/ci.md).
CTEST_JOBS ?= 4
HOST ?= 127.0.0.1
PORT ?= 8080

# ASan and UBSan settings for the sanitizer test run. Plugins are dlopen'ed RTLD_LOCAL, each
# linking its own copy of the SDK's static library; ODR checking stays strict (2) so that
# duplicated globals between the kernel and a plugin are reported rather than hidden.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=2 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

PHASE := scripts/phase.sh
export CLXS_PHASE_LOG ?= $(CURDIR)/$(BUILD_DIR)/phases.log

# $(call configure,DIR,BUILD_TYPE,EXTRA_CMAKE_ARGS)
configure = cmake -S . -B $(1) -G Ninja -DCMAKE_BUILD_TYPE=$(2) $(3) $(CMAKE_ARGS)
# $(call build_tree,DIR,BUILD_TYPE): configure and build, without phase timings.
build_tree = $(call configure,$(1),$(2)) && ninja -C $(1) -j$(NPROC)
# $(call run_ctest,DIR[,EXTRA_CTEST_ARGS])
run_ctest = ctest --test-dir $(1) --output-on-failure --no-tests=error --timeout 600 \
  -j$(CTEST_JOBS) $(2)
# The sanitizer configuration: Debug keeps assertions on, at -O0 (ASan+UBSan at -O1 compiles
# two to three times slower, more than its faster tests give back) with line tables only.
SANITIZE_ARGS := -DCLXS_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1"

.PHONY: help setup setup-test build serve test test-unit test-sanitize format format-check \
  tidy package bench clean distclean

help:
	@sed -n '1,/^$$/p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

setup:
	scripts/setup.sh

setup-test:
	$(PHASE) setup scripts/setup.sh --test

build: setup
	$(call build_tree,$(BUILD_DIR),$(BUILD_TYPE))

serve: build
	exec $(BUILD_DIR)/bin/clxs serve --host $(HOST) --port $(PORT)

# Set-up runs once, with --test, then both halves without repeating it. Each phase prints its
# duration, and the summary of them all comes last, failed or not.
test:
	@mkdir -p $(BUILD_DIR) && rm -f $(CLXS_PHASE_LOG)
	@rc=0; $(MAKE) --no-print-directory setup-test _test-unit _test-sanitize || rc=$$?; \
	  $(PHASE) --summary; exit $$rc

test-unit: setup-test
	$(MAKE) --no-print-directory _test-unit

test-sanitize: setup-test
	$(MAKE) --no-print-directory _test-sanitize

.PHONY: _test-unit _test-sanitize
_test-unit:
	$(PHASE) "release configure" $(call configure,$(BUILD_DIR),$(BUILD_TYPE))
	$(PHASE) "release build" ninja -C $(BUILD_DIR) -j$(NPROC)
	$(PHASE) "release tests" $(call run_ctest,$(BUILD_DIR))

# The emulator run of the integration suite (tests named .../databricks) runs in the release
# configuration only; the sanitizer run covers every other test.
_test-sanitize:
	$(PHASE) "sanitizer configure" $(call configure,$(ASAN_BUILD_DIR),Debug,$(SANITIZE_ARGS))
	$(PHASE) "sanitizer build" ninja -C $(ASAN_BUILD_DIR) -j$(NPROC)
	$(SANITIZER_ENV) $(PHASE) "sanitizer tests" $(call run_ctest,$(ASAN_BUILD_DIR),-E '/databricks$$')

format:
	scripts/format.sh

format-check:
	scripts/format.sh --check

# Needs only a configured tree (compile_commands.json and generated headers): one of its own,
# configured without unity batches, so the database names each source file rather than the
# batches that include it.
TIDY_BUILD_DIR ?= build-tidy
tidy: setup
	$(call configure,$(TIDY_BUILD_DIR),$(BUILD_TYPE),-DCLXS_UNITY_BUILD=OFF) >/dev/null
	scripts/tidy.sh $(TIDY_BUILD_DIR) $(FILES)

package: build
	cpack -G DEB --config $(BUILD_DIR)/CPackConfig.cmake -B $(BUILD_DIR)/packages
	@ls -1 $(BUILD_DIR)/packages/*.deb

bench: setup-test
	$(call build_tree,$(BUILD_DIR),$(BUILD_TYPE))
	CLXS_BINARY=$(BUILD_DIR)/bin/clxs bench/http.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) $(TIDY_BUILD_DIR)

distclean: clean
	rm -rf third_party
