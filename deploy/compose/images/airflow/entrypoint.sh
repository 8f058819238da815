#!/bin/bash
# As the official image: `bash ...`/`python ...` run as they are, anything else is `airflow ...`.
case "${1:-}" in
    bash|python|python3|sh) exec "$@" ;;
    *) exec airflow "$@" ;;
esac
