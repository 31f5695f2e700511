FROM debian:bookworm
RUN apt-get update && apt-get install -y make jq unzip && rm -rf /var/lib/apt/lists/*
