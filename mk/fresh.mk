# The README's two commands on a fresh Debian 12 machine (tests/fresh/run.sh):
# `make fresh-test` builds the local debian:12 image (docker/make-base-image.sh),
# clones HEAD twice and runs `make run`, then `make test`, each in a new
# container that has only make installed. Root and podman (installed if
# missing, as for make container-test); 8 to 13 minutes, a third of it apt
# and npm downloads. Not part of `make test`: CI runs it as a step of its own.

.PHONY: fresh-test

fresh-test:
	tests/fresh/run.sh
