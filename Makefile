# ketenregie — build, run and test. See README.md.
#
#   make run     install what is missing, build, migrate, load the demo region once, serve
#   make test    install what is missing, lint, unit tests (ASan+UBSan), HTTP tests against
#                the real (sanitized) daemon, short fuzz runs, browser tests in Chromium
#   make bench   wrk against the real daemon and a bare reference server (tools/bench_ref.c)
#                on loopback, on the demo region and on ten years of data
#   make fuzz    build the libFuzzer targets

CC      ?= cc
BUILD   := build
GEN     := $(BUILD)/gen
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla
CPPFLAGS_KR := -Isrc -MMD -MP
REL_CFLAGS  := $(WARN) -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
SAN_CFLAGS  := $(WARN) -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDLIBS_KR   := -lmicrohttpd -lsqlite3 -lsodium -lcmark -lqrencode -lpthread

SRC        := $(shell find src -name '*.c' | sort)
LIB_SRC    := $(filter-out src/main.c,$(SRC))
TEMPLATES  := $(sort $(wildcard templates/*.html))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
STATIC     := $(sort $(shell find static -type f))
DATA       := $(sort $(wildcard data/*))
NPM_WEB    := web/node_modules/.package-lock.json
VENDOR     := web/node_modules/@utrecht/component-library-css/dist/index.css \
              web/node_modules/@utrecht/component-library-css/package.json \
              web/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css \
              web/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/package.json
VENDOR_LICENCES = $(wildcard web/node_modules/@utrecht/component-library-css/LICENSE*) \
              $(wildcard web/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE*)
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

REL_OBJ  := $(patsubst src/%.c,$(BUILD)/rel/%.o,$(SRC)) $(BUILD)/rel/gen/embedded_data.o
SAN_OBJ  := $(patsubst src/%.c,$(BUILD)/san/%.o,$(LIB_SRC)) $(BUILD)/san/gen/embedded_data.o
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))

.PHONY: all deps run test lint unit http browser fuzz fuzz-run bench clean
all: $(BUILD)/rel/ketenregie $(BUILD)/san/ketenregie

deps:
	@tools/install-deps.sh

$(NPM_WEB): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --silent
	@touch $@

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(GEN)/embedded_data.c: $(BUILD)/embed $(TEMPLATES) $(MIGRATIONS) $(STATIC) $(DATA) $(NPM_WEB)
	@mkdir -p $(@D)
	@echo "EMBED   $@"
	@$(BUILD)/embed $@ templates=templates/ $(TEMPLATES) migrations=migrations/ $(MIGRATIONS) \
	    static=static/ $(STATIC) vendor=web/node_modules/ $(VENDOR) $(VENDOR_LICENCES) data=data/ $(DATA)

$(BUILD)/rel/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "CC      $<"
	@$(CC) $(CPPFLAGS_KR) $(REL_CFLAGS) -c -o $@ $<
$(BUILD)/rel/gen/embedded_data.o: $(GEN)/embedded_data.c
	@mkdir -p $(@D)
	@$(CC) -Isrc -O0 -fPIE -c -o $@ $<
$(BUILD)/san/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "CC san  $<"
	@$(CC) $(CPPFLAGS_KR) $(SAN_CFLAGS) -c -o $@ $<
$(BUILD)/san/gen/embedded_data.o: $(GEN)/embedded_data.c
	@mkdir -p $(@D)
	@$(CC) -Isrc -O0 -fPIE -c -o $@ $<

$(BUILD)/rel/ketenregie: $(REL_OBJ)
	@echo "LD      $@"
	@$(CC) -pie -Wl,-z,relro,-z,now -o $@ $(filter %.o,$^) $(LDLIBS_KR)
$(BUILD)/san/ketenregie: $(SAN_OBJ) $(BUILD)/san/main.o
	@echo "LD      $@"
	@$(CC) -fsanitize=address,undefined -o $@ $(filter %.o,$^) $(LDLIBS_KR)

$(BUILD)/unit/%: tests/unit/%.c $(SAN_OBJ)
	@mkdir -p $(@D)
	@echo "CC unit $<"
	@$(CC) $(CPPFLAGS_KR) $(SAN_CFLAGS) -Itests/unit -o $@ $(filter %.c %.o,$^) $(LDLIBS_KR) -lcmocka

# The fuzz targets share one set of objects, instrumented for libFuzzer without its
# main() (fuzzer-no-link), so that they are compiled once and in parallel; each
# target links them with libFuzzer. Only the modules the targets reach are compiled
# (the form parser, the template engine and what they call: ~15 % of the compile of
# all sources); a target that comes to need another module fails to link, naming it.
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=address,undefined
FUZZ_LIB_SRC := src/server/form.c src/util/arena.c src/util/date.c src/util/strbuf.c \
                src/util/utf8.c src/view/html.c src/view/markdown.c src/view/tmpl.c \
                src/view/tmpl_value.c
FUZZ_OBJ := $(patsubst src/%.c,$(BUILD)/fuzzobj/%.o,$(FUZZ_LIB_SRC))
# named only by a pattern rule, they would count as intermediate and be deleted after the link
.SECONDARY: $(FUZZ_OBJ)
$(BUILD)/fuzzobj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "CC fuzz $<"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(@D)
	@echo "LD fuzz $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS_KR)

run: deps $(BUILD)/rel/ketenregie
	@tools/run.sh

lint:
	@tools/lint.sh
	@sh tests/lint/test_lint.sh

unit: $(UNIT_BIN)
	@tools/run-unit.sh $(UNIT_BIN)

http: $(BUILD)/san/ketenregie
	@KETENREGIE_BIN=build/san/ketenregie node tests/http/run.mjs

browser: $(BUILD)/rel/ketenregie
	@node tests/browser/run.mjs

fuzz: $(FUZZ_BIN)

fuzz-run: $(FUZZ_BIN)
	@tools/run-fuzz.sh $(FUZZ_BIN)

# The phases and their time budget on 2 cores: docs/TESTING.md. Lint runs beside the
# parallel build (its output kept in one piece); the fuzz targets are built there too.
# TEST_OVERLAP=1 runs the HTTP files beside the browser files (tests/run_all.mjs), the
# timing ones (@run-alone) after both; not the default until measured faster on CI's
# idle 2 cores (docs/TESTING.md).
test: deps
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint all $(UNIT_BIN) $(FUZZ_BIN)
	@$(MAKE) --no-print-directory unit
ifeq ($(TEST_OVERLAP),1)
	@$(MAKE) --no-print-directory fuzz-run
	@node tests/run_all.mjs
else
	@$(MAKE) --no-print-directory http
	@$(MAKE) --no-print-directory fuzz-run
	@$(MAKE) --no-print-directory browser
endif

$(BUILD)/bench_ref: tools/bench_ref.c
	@mkdir -p $(@D)
	@echo "CC      $<"
	@$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $< -lmicrohttpd -lsqlite3 -lpthread

$(BUILD)/bench_logins: tools/bench_logins.c
	@mkdir -p $(@D)
	@echo "CC      $<"
	@$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $< -lpthread

bench: deps $(BUILD)/rel/ketenregie $(BUILD)/bench_ref $(BUILD)/bench_logins
	@tools/bench.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
