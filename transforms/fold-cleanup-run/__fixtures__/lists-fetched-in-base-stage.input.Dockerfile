FROM debian:12 AS base
RUN apt-get update && apt-get install -y ca-certificates

FROM base
RUN apt-get update && apt-get install -y curl
RUN rm -rf /var/lib/apt/lists/*
