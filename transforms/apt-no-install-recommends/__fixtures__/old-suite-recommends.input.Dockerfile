FROM debian:jessie
RUN apt-get update && apt-get install -y locales curl && rm -rf /var/lib/apt/lists/*
