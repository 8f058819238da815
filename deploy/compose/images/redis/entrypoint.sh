#!/bin/sh
# As the official image: a redis-server started with arguments only (no config file) runs with
# protected mode off, so the other containers of the network can connect. Debian's redis-server
# keeps it on without a config file, which would refuse every client that is not on loopback.
if [ "${1:-}" = redis-server ]; then shift; exec redis-server "$@" --protected-mode no; fi
exec "$@"
