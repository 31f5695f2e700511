FROM debian:12
RUN apt-get update && apt-get install -y curl
COPY tool.tgz /tmp/tool.tgz
RUN tar -xzf /tmp/tool.tgz && rm /tmp/tool.tgz
