#!/bin/sh
# As the official images do: "server ..." runs the server with the image's config folder; options go to the binary.
set -e
if [ "$1" = server ]; then
  shift
  set -- "$SERVER_BINARY" server -config="$SERVER_CONFIG_DIR" "$@"
elif [ "${1#-}" != "$1" ]; then
  set -- "$SERVER_BINARY" "$@"
fi
exec "$@"
