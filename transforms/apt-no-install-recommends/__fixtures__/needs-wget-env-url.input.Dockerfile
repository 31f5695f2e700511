FROM debian:bullseye
ENV TOOL_URL=https://example.com/releases/tool-1.2.tar.gz
RUN apt-get update && apt-get install -y wget xz-utils && rm -rf /var/lib/apt/lists/*
RUN wget -q "$TOOL_URL" -O /tmp/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
