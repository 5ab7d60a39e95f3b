# Tandem contact center — the two commands that matter:
#   make run    build everything and start the server (development mode: embedded PostgreSQL, demo tenant)
#   make test   run every test (Java unit + integration on a real PostgreSQL, web client unit, browser end-to-end)

MVN ?= mvn -B -ntp
JAR := server/target/tandemcc-server.jar
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run build test test-java test-web e2e deps-test clean bench

run: build
	java -jar $(JAR)

build:
	$(MVN) -q package -DskipTests

# Everything CI runs. Installs Debian's chromium for the browser tests if it is missing.
test: deps-test
	$(MVN) verify
	cd webclient && npm test
	cd webclient && SERVER_JAR=../$(JAR) npm run e2e

test-java:
	$(MVN) -Dskip.webclient=true verify

test-web:
	cd webclient && npm ci --no-audit --no-fund && npm test

e2e:
	cd webclient && SERVER_JAR=../$(JAR) npm run e2e

deps-test:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@# the webphone browser test's SIP server (an in-memory registrar behind the server's SIP proxy)
	@dpkg -s kamailio kamailio-websocket-modules >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q kamailio kamailio-websocket-modules; }

clean:
	$(MVN) -q clean
	rm -rf webclient/dist
