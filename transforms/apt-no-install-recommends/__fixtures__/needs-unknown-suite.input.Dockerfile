# no package data for Ubuntu: ca-certificates is kept explicitly before the https download
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y curl
RUN curl -fsSL https://example.com/setup_20.x | bash -
