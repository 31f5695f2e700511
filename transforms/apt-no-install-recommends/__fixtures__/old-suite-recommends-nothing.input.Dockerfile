# jessie has no Debian data; locales and net-tools recommend nothing in every suite of the data.
FROM debian:jessie
RUN apt-get update && apt-get install -y locales net-tools && rm -rf /var/lib/apt/lists/*
