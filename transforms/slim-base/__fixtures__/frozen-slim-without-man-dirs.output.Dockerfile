# jessie-slim was last built before Debian's slim images kept /usr/share/man/man1: perl's rename fails to install there.
FROM debian:jessie-slim
RUN apt-get update && apt-get install -y perl rename && rm -rf /var/lib/apt/lists/*
CMD ["rename", "--version"]
