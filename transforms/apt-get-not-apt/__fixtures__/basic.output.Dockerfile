FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN DEBIAN_FRONTEND=noninteractive sudo /usr/bin/apt-get remove -y nano \
    && apt-get autoremove -y
