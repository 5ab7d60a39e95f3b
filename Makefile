# Tandem contact center — the two commands that matter:
#   make run    build everything and start the server (development mode: embedded PostgreSQL, demo tenant)
#   make test   run every test (Java unit + integration on a real PostgreSQL, web client unit, browser end-to-end)

MVN ?= ./mvnw -B -ntp
JAR := server/target/tandemcc-server.jar
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: format run build test test-java test-web e2e deps-test dist test-dist clean bench bench-smoke bench-build bench-reports bench-admin

run: build
	java -jar $(JAR)

build:
	$(MVN) -q package -DskipTests

# Everything CI runs. Installs Debian's chromium for the browser tests if it is missing.
test: deps-test
	$(MVN) verify
	@# the web client's types (its browser tests included), lint (ESLint) and format (Prettier); Java's format is
	@# checked by Spotless inside `verify`. `make format` fixes both.
	cd webclient && npm run typecheck && npm run lint
	cd webclient && npm test
	cd webclient && SERVER_JAR=../$(JAR) npm run e2e
	@# the sign-in and session tests again over HTTPS/WSS with the server's generated certificate (docs/tls.md)
	cd webclient && SERVER_JAR=../$(JAR) npm run e2e:tls
	packaging/test/install-test.sh

format:
	$(MVN) -q spotless:apply -Pbench
	cd webclient && npm run format

test-java:
	$(MVN) -Dskip.webclient=true verify

test-web:
	cd webclient && npm ci --no-audit --no-fund && npm test

e2e:
	cd webclient && SERVER_JAR=../$(JAR) npm run e2e

# The release tarball (docs/install.md): dist/tandem-VERSION.tar.gz with the jar, bin/tandem, install.sh, the systemd
# unit, the /etc/tandem/tandem.env template and the Asterisk configuration.
dist: build
	packaging/make-dist.sh dist

# install.sh twice into a throw-away root against a throw-away PostgreSQL, backup and restore (about 30 s; needs the jar)
test-dist:
	packaging/test/install-test.sh

deps-test:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@# the webphone browser test's SIP server (an in-memory registrar behind the server's SIP proxy)
	@dpkg -s kamailio kamailio-websocket-modules >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q kamailio kamailio-websocket-modules; }
	@# the install script's test (packaging/test): shellcheck and PostgreSQL's server binaries for a throw-away cluster
	@command -v shellcheck >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q shellcheck; }
	@# the ACME test's CA (web.AcmeTest): Let's Encrypt's test server Pebble and its mock DNS, pebble-challtestsrv
	@command -v pebble >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q pebble; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q postgresql; }

# Benchmarks (bench/, results in bench/RESULTS.md): the server jar runs as its own process against an embedded
# PostgreSQL and a scripted AMI peer; the load generator is a second JVM. Not part of `make test`.
#   make bench                       the full scenario (about 15 minutes on 2 cores), writes bench/RESULTS.md
#   make bench-smoke                 50 agents, 5 supervisors, a few seconds of load (writes bench/target/)
#   make bench BENCH_ARGS='--agents=500 --duration=30'   any knob of bench/src/main/java/io/tandemcc/bench/BenchConfig.java
BENCH_CP := bench/target/tandemcc-bench.jar:server/target/classes:bench/target/lib/*
BENCH_ARGS ?=

bench-build:
	$(MVN) -q -Pbench -Dskip.webclient=true package -DskipTests

bench: bench-build
	java -cp '$(BENCH_CP)' io.tandemcc.bench.Bench $(BENCH_ARGS)

bench-smoke: bench-build
	java -cp '$(BENCH_CP)' io.tandemcc.bench.Bench --smoke=true $(BENCH_ARGS)

# The reports (issue 16): 1,000,000 call records and 10,000,000 state rows in one tenant, each report for a month
# over HTTP, and a streamed CSV export under a small heap. BENCH_ARGS='--states=1000000 --calls=100000' for a quick run.
bench-reports: bench-build
	java -cp '$(BENCH_CP)' io.tandemcc.bench.ReportBench $(BENCH_ARGS)

# the administration with 10,000 agents (list/search/page p99, one change until the PBX reload); own RESULTS.md section
bench-admin: bench-build
	java -cp '$(BENCH_CP)' io.tandemcc.bench.AdminBench

clean:
	$(MVN) -q clean
	rm -rf webclient/dist
