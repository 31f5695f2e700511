# no package data for Ubuntu: the font graphviz gets on every Debian suite is kept explicitly
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y graphviz && rm -rf /var/lib/apt/lists/*
