FROM debian:bookworm
RUN apt-get update && apt-get install -y make some-private-tool && rm -rf /var/lib/apt/lists/*
