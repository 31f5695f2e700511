FROM debian:12
ADD https://example.org/tool.tgz /tmp/tool.tgz
RUN tar -xzf /tmp/tool.tgz -C /usr/local && rm /tmp/tool.tgz
