# no package data for Ubuntu: the font graphviz gets on every Debian suite is kept explicitly
FROM ubuntu:22.04
RUN apt-get update && apt-get install --no-install-recommends -y graphviz fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
