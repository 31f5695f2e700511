# syntax=docker/dockerfile:1
FROM rust:1.75
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry/index \
    --mount=type=cache,target=/usr/local/cargo/registry/cache \
    cargo install --path .
