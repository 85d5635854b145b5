# mk/deploy.mk: deployment targets. The top-level Makefile includes it:
#
#   include mk/deploy.mk
#
#   make proxy-test       nginx (docker/nginx.conf) + two replicas on loopback
#   make container-test   podman: base image, image build, run, probes, SIGTERM (root)
#   make compose-test     podman-compose up docker/compose.yaml, checks via nginx (root)
#   make deploy-deps      apt-get install what proxy-test needs
#
# Keep the includer's default goal: remember it and restore it at the end, so
# including this file early cannot make proxy-test the default target.
_deploy_saved_goal := $(.DEFAULT_GOAL)

# The includer's binary and database when it names them (BIN follows SAN=,
# so the proxy test also runs the sanitizer builds).
PF_BIN    ?= $(or $(BIN),build/policyfacts)
PF_DBFILE ?= $(or $(DB),build/policyfacts.db)
PF_IMAGE  ?= localhost/policyfacts:test

# `make test` runs TEST_EXTRA after unit and integration tests. The proxy
# test is quick (~10 s) and always runs. The container and compose tests
# need root, download a Debian base system from the mirror and take ~3 and
# ~1.5 minutes cold (seconds warm), so they run in CI (CI=true, as root) and
# on request: PF_CONTAINER_TEST=1 to force them, =0 to skip them.
TEST_EXTRA += proxy-test
SUITE_TOOLS_proxy-test := nginx curl
PF_CONTAINER_TEST ?= $(if $(filter true,$(CI)),$(if $(filter 0,$(shell id -u)),1,0),0)
ifeq ($(PF_CONTAINER_TEST),1)
TEST_EXTRA += container-test compose-test
else
TEST_NOTE += not run: container-test compose-test (root and ~5 min; CI runs them; PF_CONTAINER_TEST=1 to include them)
endif

# Debian packages the deploy tests need; a deps target may install these.
# (container-test and compose-test install podman buildah runc debootstrap
# podman-compose themselves: they run as root anyway.)
DEPLOY_TEST_DEBS := nginx curl

.PHONY: proxy-test container-test compose-test deploy-deps

proxy-test: $(PF_BIN) $(PF_DBFILE)
	PF_BIN=$(abspath $(PF_BIN)) PF_DBFILE=$(abspath $(PF_DBFILE)) tests/proxy/run.sh

# Builds inside the container, so it needs nothing from the host build.
container-test:
	PF_IMAGE=$(PF_IMAGE) tests/container/run.sh

compose-test:
	PF_IMAGE=$(PF_IMAGE) tests/container/compose.sh

deploy-deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEPLOY_TEST_DEBS)

.DEFAULT_GOAL := $(_deploy_saved_goal)
