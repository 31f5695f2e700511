FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y make jq unzip curl && rm -rf /var/lib/apt/lists/*
