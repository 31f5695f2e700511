FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt upgrade -y && apt list --installed && rm -rf /var/lib/apt/lists/*
RUN apt-cache policy curl
