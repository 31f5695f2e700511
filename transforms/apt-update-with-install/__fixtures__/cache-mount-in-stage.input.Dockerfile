# syntax=docker/dockerfile:1
FROM debian:12
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y gcc
RUN apt-get install -y curl
