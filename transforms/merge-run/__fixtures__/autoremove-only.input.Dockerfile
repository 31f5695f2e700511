# `apt-get autoremove` without names proves nothing removed (it is not a cache cleanup).
FROM registry.example.com/base/debian:12
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh && sh /tmp/install.sh && rm /tmp/install.sh
RUN apt-get -y autoremove
