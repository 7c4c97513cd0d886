# Ethica build. `make` builds build/ethica (the operator CLI) and
# build/ethica.so (the Kore module); `make run` and `make test` are the two
# commands of the README. `make SAN=1` builds into build-san/ with ASan+UBSan.
# `make FUZZ=1` builds the library into build-fuzz/ with clang, its
# ASan+UBSan and libFuzzer's coverage (for tests/fuzz: `make fuzz` and the
# corpus replay of `make test`).

CC	?= cc
SAN	?= 0
FUZZ	?= 0
ifeq ($(FUZZ),1)
CC	 = clang
B	 = build-fuzz
OPT	 = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	   -Wno-unknown-warning-option
else ifeq ($(SAN),1)
B	 = build-san
OPT	 = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
else
B	 = build
OPT	 = -O2 -g
endif

WARN	 = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	   -Wshadow -Wformat=2 -Wvla -Wno-format-nonliteral -Wno-format-truncation
CFLAGS	+= -std=c11 -D_GNU_SOURCE -fPIC $(OPT) $(WARN) -Isrc
KOREFLAGS = $(shell cat /usr/share/kore/features 2>/dev/null)
PGINC	 = -I/usr/include/postgresql
LIBS	 = -lsqlite3 -lpq -lsodium -lmd4c -lmd4c-html -licui18n -licuuc \
	   -licudata -lqrencode -lyaml -lcurl -lz -lzip -lm
# Zip files: the offline editions (the operator tool) and the studio's
# course packages (the module), both through LIBS.
CLI_LIBS =

LIB_SRC	 = $(wildcard src/lib/*.c src/web/*.c src/domain/*.c src/store/*.c)
HTTP_SRC = $(wildcard src/http/*.c)
CLI_SRC	 = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
PO	 = $(wildcard po/*.po)
# One source per migration; the two dialects' files are generated from it
# (scripts/migrations.sh, src/store/migrations/README.md).
MIG_DIR	 = src/store/migrations
MIG_SRC	 = $(wildcard $(MIG_DIR)/[0-9]*.sql)
MIG	 = $(MIG_SRC:$(MIG_DIR)/%=$(MIG_DIR)/sqlite/%) \
	   $(MIG_SRC:$(MIG_DIR)/%=$(MIG_DIR)/pg/%)

LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/obj/%.o)
HTTP_OBJ = $(HTTP_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ	 = $(CLI_SRC:%.c=$(B)/obj/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MO	 = $(PO:po/%.po=$(B)/locale/%.mo)

all: $(B)/ethica $(B)/ethica.so $(MO) $(MIG)

$(MIG_DIR)/sqlite/%.sql: $(MIG_DIR)/%.sql scripts/migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/migrations.sh gen sqlite $< $@

$(MIG_DIR)/pg/%.sql: $(MIG_DIR)/%.sql scripts/migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/migrations.sh gen pg $< $@

$(B)/obj/src/http/%.o: src/http/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KOREFLAGS) -MMD -c -o $@ $<

$(B)/obj/src/store/%.o: src/store/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PGINC) -MMD -c -o $@ $<

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -c -o $@ $<

$(B)/libethica.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/ethica.so: $(HTTP_OBJ) $(B)/libethica.a
	$(CC) $(CFLAGS) -shared -o $@ $(HTTP_OBJ) $(B)/libethica.a $(LIBS)

$(B)/ethica: $(CLI_OBJ) $(B)/libethica.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(B)/libethica.a $(LIBS) $(CLI_LIBS)

$(B)/locale/%.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check-format -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libethica.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PGINC) -Itests/unit -o $@ $< $(B)/libethica.a $(LIBS)

# These compile their src/http file in (with Kore's loop around it).
$(B)/tests/test_netwrite: src/http/netwrite.c
$(B)/tests/test_routeorder: src/http/routeorder.c
$(B)/tests/test_acceptshare: src/http/acceptshare.c src/http/acceptshare.h
$(B)/tests/test_pushsync: src/http/pushsync.c

units: $(UNIT_BIN) $(MIG)

deps:
	@sh scripts/deps.sh

run: deps all
	@mkdir -p var
	$(B)/ethica migrate --data var
	$(B)/ethica demo --data var
	$(B)/ethica course pack --all --data var
	$(B)/ethica serve --listen 127.0.0.1:8080 --data var

test: deps
	@sh scripts/test.sh

bench: deps all
	@sh bench/run.sh

# FUZZ_SECONDS=N: how long `make fuzz` runs each target.
fuzz:
	@sh tests/fuzz/build.sh $(FUZZ_SECONDS)

check:
	@sh scripts/check-code.sh

clean:
	rm -rf build build-san build-fuzz tests/fuzz/out
	rm -f $(MIG)

.PHONY: all units deps run test bench fuzz check clean

-include $(LIB_OBJ:.o=.d) $(HTTP_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
