# syntax=docker/dockerfile:1
FROM debian:12
RUN apt-get update && apt-get install -y curl
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/tool.tgz /tmp/tool.tgz
RUN tar -xzf /tmp/tool.tgz -C /usr/local && rm /tmp/tool.tgz
