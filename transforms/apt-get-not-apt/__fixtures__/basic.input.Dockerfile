FROM ubuntu:22.04
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN DEBIAN_FRONTEND=noninteractive sudo /usr/bin/apt remove -y nano \
    && apt autoremove -y
