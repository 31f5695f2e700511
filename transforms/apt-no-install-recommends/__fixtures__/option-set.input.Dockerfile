FROM debian:bookworm
RUN apt-get update && apt-get -o APT::Install-Recommends=0 install -y git && rm -rf /var/lib/apt/lists/*
