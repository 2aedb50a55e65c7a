#!/bin/sh
# As the official images do: "server ..." runs the server with the image's config folder; options go to the binary.
set -e
# The official entrypoint runs setcap unless SKIP_SETCAP is set, and where the image runs as its own user
# (hashicorp/vault 2.0.0) setcap fails under set -e: this stand-in refuses the same way, so a harness that does not
# set SKIP_SETCAP fails here as it would on the real image.
if [ -z "$SKIP_SETCAP" ]; then
  echo "docker-entrypoint.sh: setcap cap_ipc_lock=+ep failed: operation not permitted (set SKIP_SETCAP)" >&2
  exit 1
fi
if [ "$1" = server ]; then
  shift
  set -- "$SERVER_BINARY" server -config="$SERVER_CONFIG_DIR" "$@"
elif [ "${1#-}" != "$1" ]; then
  set -- "$SERVER_BINARY" "$@"
fi
exec "$@"
