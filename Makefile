# The two commands of the README: `make run` and `make test`. Everything else is a step of them.
BUILD_DIR ?= build
DB ?= shuanglian.db
JOBS ?= $(shell nproc)
BIN := $(BUILD_DIR)/shuanglian

.PHONY: all deps configure build run test test-cpp format format-check bench clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@scripts/build-web

run: build
	@scripts/run-demo "$(BIN)" "$(DB)"

test: build
	@scripts/run-tests "$(BUILD_DIR)"

format:
	@git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' | xargs clang-format -i

format-check:
	@git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' | xargs clang-format --dry-run --Werror

bench: build
	@bench/import/run "$(BIN)"

clean:
	rm -rf $(BUILD_DIR)
