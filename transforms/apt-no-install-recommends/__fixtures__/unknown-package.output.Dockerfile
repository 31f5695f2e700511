FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y make some-private-tool && rm -rf /var/lib/apt/lists/*
