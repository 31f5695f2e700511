FROM debian:jessie
RUN apt-get update && apt-get install --no-install-recommends -y locales curl && rm -rf /var/lib/apt/lists/*
