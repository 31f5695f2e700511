# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt apt-get update
RUN --mount=type=cache,target=/var/lib/apt apt-get install -y --no-install-recommends gcc
