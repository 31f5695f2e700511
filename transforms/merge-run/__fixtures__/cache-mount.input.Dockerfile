# syntax=docker/dockerfile:1
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt apt-get update
RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/root/.cache pip install x
RUN --mount=type=cache,target=/root/.cache pip install y && rm -rf /tmp/pip-*
