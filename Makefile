# tradejobs — the two commands of the README.
#   make run    install missing Debian packages (as root), configure, build the tradejobs executable
#               and the Python package (no tests), run the default scenario
#   make test   the same set-up, build everything (tests included), then every test through ctest
#               (Release build), then the unit tests again under -fsanitize=address,undefined
#               (build-asan/: -O1 -g without NDEBUG, so that Eigen's and the code's assertions
#               run too). Tests of the tables too large for the repository read
#               TRADEJOBS_DATA_DIR (default ../shared/data) and are reported skipped without it.
SHELL := /bin/bash
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan

# The exact Debian 12 packages the build, the tests and the benchmarks need.
PACKAGES := build-essential cmake libeigen3-dev libyaml-cpp-dev libboost-program-options-dev \
            doctest-dev python3 python3-numpy libopenblas0-pthread chromium libopenmpi-dev openmpi-bin \
            libxlsxwriter-dev nlohmann-json3-dev libfmt-dev clang-format \
            pybind11-dev python3-dev python3-pandas python3-pytest python3-openpyxl python3-matplotlib

.PHONY: run test deps configure build asan clean benchmarks format

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing missing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing; \
	  else \
	    echo "Missing Debian packages. Run as root:"; \
	    echo "  apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: configure
	@cmake --build $(BUILD) -j $(JOBS) --target programs
	./$(BUILD)/tradejobs run

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DTRADEJOBS_SANITIZE=ON > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests

test: build asan
	@data=$${TRADEJOBS_DATA_DIR:-../shared/data}; [ -d "$$data/wiod2013_wiot" ] || \
	  echo "note: $$data/wiod2013_wiot not found: ctest reports the tests of the WIOD 2013 world table" \
	       "(label external_data) as skipped; set TRADEJOBS_DATA_DIR to the folder of the public data"
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -L unit -j $(JOBS)

benchmarks: deps
	@cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DTRADEJOBS_BUILD_BENCHMARKS=ON -DTRADEJOBS_NATIVE=ON > /dev/null
	@cmake --build build-bench -j $(JOBS)

format:  ## rewrite every C++ file as .clang-format says (ctest format_check fails on drift)
	clang-format -i $$(git ls-files '*.h' '*.cpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-bench
