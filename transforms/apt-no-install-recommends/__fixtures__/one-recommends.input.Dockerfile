FROM debian:bookworm
RUN apt-get update && apt-get install -y make jq unzip curl && rm -rf /var/lib/apt/lists/*
